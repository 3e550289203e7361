import { commentCountLabel } from "@/components/comments/section-discussion";
import type { EssaySection } from "@/lib/content/essays";
import type { EssayView, ReaderView } from "@/lib/essay-view";

interface Props {
  sections: EssaySection[];
  reader: ReaderView;
  /** Counts come from sections.comment_count (kept by every write); without a database, no counts. */
  discussions: EssayView["discussions"];
}

/** How far the reader has got: proposals voted out of those in the essay (null when unknown). */
function progressLine(reader: ReaderView): string | null {
  if (!reader.proposals || reader.proposals.length === 0) return null;
  const total = reader.proposals.length;
  if (!reader.actor) return `${total} ${total === 1 ? "proposal" : "proposals"} to vote on`;
  const voted = reader.proposals.filter((proposal) => proposal.myStance !== null).length;
  return `${voted} of ${total} ${total === 1 ? "proposal" : "proposals"} voted`;
}

/**
 * The contents with each section's comment count and the reader's progress: a sticky sidebar on wide
 * screens, a "Contents" disclosure on narrow ones (a native <details>, so it needs no JavaScript).
 * Only one of the two is displayed at a width; the other is display:none, out of the accessibility tree.
 */
export function TableOfContents({ sections, reader, discussions }: Props) {
  const progress = progressLine(reader);
  const list = (
    <ol>
      {sections.map((section) => {
        const count = discussions?.get(section.id)?.section.commentCount;
        return (
          <li key={section.id} data-level={section.level}>
            <a href={`#${section.id}`}>
              {section.title}
              {count !== undefined && (
                <>
                  <span className="toc-count" data-testid="toc-comment-count" aria-hidden="true">
                    {count}
                  </span>
                  <span className="visually-hidden">, {commentCountLabel(count)}</span>
                </>
              )}
            </a>
          </li>
        );
      })}
    </ol>
  );
  return (
    <>
      <nav className="toc toc-wide" aria-labelledby="toc-title">
        <h2 id="toc-title">Contents</h2>
        {progress && (
          <p className="toc-progress" data-testid="reading-progress">
            {progress}
          </p>
        )}
        {list}
      </nav>
      <details className="toc-compact">
        <summary>
          <span className="toc-compact-title">Contents</span>
          {progress && <span className="toc-progress"> · {progress}</span>}
        </summary>
        <nav className="toc" aria-label="Contents">
          {list}
        </nav>
      </details>
    </>
  );
}
