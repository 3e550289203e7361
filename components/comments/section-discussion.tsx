import Link from "next/link";
import type { Actor } from "@/lib/auth/users";
import { ESSAY_PREVIEW_THREADS, type EssayDiscussion } from "@/lib/essay-view";
import type { DiscussionActions } from "./discussion-actions";
import { DiscussionPanel } from "./discussion-panel";

export const commentCountLabel = (count: number) => (count === 1 ? "1 comment" : `${count.toLocaleString("en")} comments`);

interface Props {
  /** The section's discussion with its preview (lib/essay-view.ts); null when the discussions cannot be read. */
  discussion: EssayDiscussion | null | undefined;
  actor: Actor | null;
  actions: DiscussionActions;
}

/**
 * The discussion under a section of the essay: collapsed to "N comments", expanded in place
 * (a native disclosure, so it needs no JavaScript). The full discussion has a page of its own.
 */
export function SectionDiscussion({ discussion, actor, actions }: Props) {
  // A database outage must not take the essay down with it: the text stays readable.
  if (discussion === null) return <p className="discussion-notice discussion-unavailable">The discussion is unavailable right now.</p>;
  if (!discussion) return null;
  const { section, page } = discussion;
  return (
    <details className="discussion" id={`discussion-${section.id}`}>
      <summary>
        <span className="discussion-count">{commentCountLabel(section.commentCount)}</span>
        {section.locked && <span className="discussion-locked"> · locked</span>}
      </summary>
      <DiscussionPanel section={section} actor={actor} query={{ sort: "top", limit: ESSAY_PREVIEW_THREADS }} page={page} actions={actions} />
      <p className="discussion-more">
        <Link href={`/sections/${section.id}`}>Open the full discussion</Link> to sort it or filter it by stance.
      </p>
    </details>
  );
}
