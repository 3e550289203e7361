import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getRequestActor, getSectionsById } from "@/components/comments/data";
import { DiscussionControls } from "@/components/comments/discussion-controls";
import { DiscussionPanel } from "@/components/comments/discussion-panel";
import { commentCountLabel } from "@/components/comments/section-discussion";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { listCommentsQuerySchema, PAGE_SIZE, SORTS, STANCE_FILTERS, type ListCommentsQuery } from "@/lib/comments/schemas";
import { getDiscussionSection } from "@/lib/comments/sections";
import { threadsForReader } from "@/lib/comments/shared-threads";
import { essayPath, getEssay } from "@/lib/content/essays";
import { discussionActions } from "./discussion-actions";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const dynamic = "force-dynamic";

const sectionFor = async (id: string) => (await getSectionsById()).get(id) ?? (await getDiscussionSection(await getDb(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = await sectionFor((await params).id).catch(() => null); // the page itself explains an outage
  return section
    ? {
        title: `Discussion: ${section.title}`,
        alternates: { types: { "application/atom+xml": [{ url: `/sections/${section.id}/comments.atom`, title: `Comments on “${section.title}”` }] } },
      }
    : {};
}

/** The page's query, leniently: a bad value in a shared link falls back to the default, never a 400. */
function pageQuery(raw: Record<string, string | string[] | undefined>, hasProposal: boolean): ListCommentsQuery {
  const pick = <T extends string>(value: unknown, allowed: readonly T[]) => (allowed.includes(value as T) ? (value as T) : undefined);
  const sort = pick(raw.sort, SORTS) ?? "top";
  const stance = hasProposal ? pick(raw.stance, STANCE_FILTERS) : undefined;
  const parsed = listCommentsQuerySchema.safeParse({ sort, stance, cursor: typeof raw.cursor === "string" ? raw.cursor : undefined });
  return parsed.success ? parsed.data : { sort, stance, limit: PAGE_SIZE };
}

export default async function SectionDiscussionPage({ params, searchParams }: Props) {
  return renderOrUnavailable(async () => {
    const { id } = await params;
    const [section, actor] = await Promise.all([sectionFor(id), getRequestActor()]);
    if (!section) notFound();
    const query = pageQuery(await searchParams, section.proposalId !== null);
    // The home essay may be home by `home: true` or by being the newest: essayPath knows which.
    const essay = getEssay(section.essaySlug);
    // The first page, top first, comes from this instance's shared snapshot, made this reader's.
    const { pages } = await threadsForReader(await getDb(), actor, [{ section, query }]);
    const essayHref = `${essay ? essayPath(essay) : `/essays/${section.essaySlug}`}#${section.id}`;

    return (
      <div className="discussion-page">
        <p className="breadcrumb">
          <Link href={essayHref}>← Back to the essay</Link>
        </p>
        <h1>{section.title}</h1>
        <p className="lede">
          {commentCountLabel(section.commentCount)}
          {section.locked && " · this discussion is locked"}
        </p>
        <DiscussionControls sectionId={section.id} sort={query.sort} stance={query.stance} hasProposal={section.proposalId !== null} />
        {query.cursor && (
          <p className="hint">
            Later comments.{" "}
            <Link href={`/sections/${section.id}?sort=${query.sort}${query.stance ? `&stance=${query.stance}` : ""}`}>Back to the first page</Link>
          </p>
        )}
        <DiscussionPanel section={section} actor={actor} query={query} page={pages[0]} actions={discussionActions} />
      </div>
    );
  }, "This discussion");
}
