import Link from "next/link";
import type { CommentSort, StanceFilter } from "@/lib/comments/schemas";

const SORT_LABELS: Record<CommentSort, string> = { top: "Top", new: "New", old: "Old" };
const STANCE_LABELS: Record<StanceFilter | "all", string> = { all: "Everyone", support: "Supporters", oppose: "Opponents", unsure: "Unsure" };

interface Props {
  sectionId: string;
  sort: CommentSort;
  stance: StanceFilter | undefined;
  /** Stance filters only where the section carries a proposal. */
  hasProposal: boolean;
}

/** Sort and stance filter as plain links: shareable URLs, no JavaScript needed. */
export function DiscussionControls({ sectionId, sort, stance, hasProposal }: Props) {
  const href = (next: { sort: CommentSort; stance?: StanceFilter }) => {
    const query = new URLSearchParams({ sort: next.sort, ...(next.stance ? { stance: next.stance } : {}) });
    return `/sections/${sectionId}?${query}`;
  };
  return (
    <div className="discussion-controls">
      <nav aria-label="Sort comments">
        <span className="hint">Sort:</span>
        {(Object.keys(SORT_LABELS) as CommentSort[]).map((option) => (
          <Link key={option} href={href({ sort: option, stance })} aria-current={option === sort ? "page" : undefined}>
            {SORT_LABELS[option]}
          </Link>
        ))}
      </nav>
      {hasProposal && (
        <nav aria-label="Filter by stance">
          <span className="hint">Show:</span>
          {(Object.keys(STANCE_LABELS) as (StanceFilter | "all")[]).map((option) => {
            const value = option === "all" ? undefined : option;
            return (
              <Link key={option} href={href({ sort, stance: value })} aria-current={value === stance ? "page" : undefined}>
                {STANCE_LABELS[option]}
              </Link>
            );
          })}
        </nav>
      )}
    </div>
  );
}
