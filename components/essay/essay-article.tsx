import type { DiscussionActions } from "@/components/comments/discussion-actions";
import { SectionDiscussion } from "@/components/comments/section-discussion";
import { ProposalCard } from "@/components/votes/proposal-card";
import type { Essay } from "@/lib/content/essays";
import type { EssayView } from "@/lib/essay-view";
import type { FormStateAction } from "@/lib/form-actions/form-state";
import { TableOfContents } from "./table-of-contents";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

interface Props {
  essay: Essay;
  view: EssayView;
  path: string;
  /** The server actions of its forms, from the page: the vote and the discussions. */
  actions: { submitVote: FormStateAction; discussion: DiscussionActions };
}

/** The essay as a publication: header, table of contents, and every section under a stable anchor. */
export function EssayArticle({ essay, view, path, actions }: Props) {
  const { reader, discussions } = view;
  const proposalsBySection = new Map((reader.proposals ?? []).map((proposal) => [proposal.sectionId, proposal]));
  return (
    <div className="essay-layout">
      <TableOfContents sections={essay.sections} reader={reader} discussions={discussions} />
      <article className="essay" aria-labelledby="essay-title">
        <header className="essay-header">
          <h1 id="essay-title">{essay.title}</h1>
          <ul className="essay-meta">
            <li>
              <time dateTime={essay.date}>{dateFormat.format(new Date(`${essay.date}T00:00:00Z`))}</time>
            </li>
            <li>{essay.readingMinutes} min read</li>
            {essay.tags.length > 0 && (
              <li className="tags" aria-label="Tags">
                {essay.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </li>
            )}
          </ul>
          {reader.proposals === null && (
            <p role="status" className="notice">
              Voting and discussion are unavailable for a moment. The essay is all here; please try again shortly.
            </p>
          )}
        </header>
        {essay.sections.map((section) => {
          const Heading = section.level >= 2 ? "h3" : "h2";
          const headingId = `${section.id}-title`;
          return (
            <section key={section.id} id={section.id} className="essay-section" data-section-id={section.id} aria-labelledby={headingId}>
              {section.titleHtml ? (
                <Heading id={headingId}>
                  {/* Author content rendered by lib/content from Markdown with raw HTML dropped. */}
                  <span dangerouslySetInnerHTML={{ __html: section.titleHtml }} />
                  <a className="heading-anchor" href={`#${section.id}`} aria-label={`Link to section: ${section.title}`}>
                    #
                  </a>
                </Heading>
              ) : (
                <h2 id={headingId} className="visually-hidden">
                  {section.title}
                </h2>
              )}
              <div dangerouslySetInnerHTML={{ __html: section.html }} />
              {proposalsBySection.has(section.id) && (
                <ProposalCard
                  proposal={proposalsBySection.get(section.id)!}
                  signedIn={reader.actor !== null}
                  returnTo={`${path}#proposal-${proposalsBySection.get(section.id)!.id}`}
                  context="essay"
                  submitVote={actions.submitVote}
                />
              )}
              <SectionDiscussion discussion={discussions ? discussions.get(section.id) : null} actor={reader.actor} actions={actions.discussion} />
            </section>
          );
        })}
      </article>
    </div>
  );
}
