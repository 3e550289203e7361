import Link from "next/link";
import type { PreviewLimits } from "@/lib/comments/preview";
import { getSectionsById, getViewer } from "./data";
import { DiscussionPanel } from "./discussion-panel";

/**
 * What a discussion shows when it opens inside the essay: the three top threads with up to two direct
 * replies each; "load more" brings further threads in place, and cut replies continue on permalinks.
 * The essay renders all ten discussions on the server (so they open without JavaScript), and every
 * comment rendered there is HTML, RSC payload and hydration work for a phone: a full first page under
 * every section made `/` a megabyte, and five threads two levels deep still cost Lighthouse's mobile
 * run 330 ms of blocking time.
 */
const ESSAY_PREVIEW_THREADS = 3;
const ESSAY_PREVIEW: PreviewLimits = { replyLevels: 1, repliesPerComment: 2 };

export const commentCountLabel = (count: number) => (count === 1 ? "1 comment" : `${count.toLocaleString("en")} comments`);

/**
 * The discussion under a section of the essay: collapsed to "N comments", expanded in place
 * (a native disclosure, so it needs no JavaScript). The full discussion has a page of its own.
 */
export async function SectionDiscussion({ sectionId }: { sectionId: string }) {
  const loaded = await Promise.all([getSectionsById(), getViewer()]).catch(() => null);
  // A database outage must not take the essay down with it: the text stays readable.
  if (!loaded) return <p className="discussion-notice discussion-unavailable">The discussion is unavailable right now.</p>;
  const [sections, viewer] = loaded;
  const section = sections.get(sectionId);
  if (!section) return null;
  return (
    <details className="discussion" id={`discussion-${sectionId}`}>
      <summary>
        <span className="discussion-count">{commentCountLabel(section.commentCount)}</span>
        {section.locked && <span className="discussion-locked"> · locked</span>}
      </summary>
      <DiscussionPanel section={section} viewer={viewer} query={{ sort: "top", limit: ESSAY_PREVIEW_THREADS }} preview={ESSAY_PREVIEW} />
      <p className="discussion-more">
        <Link href={`/sections/${sectionId}`}>Open the full discussion</Link> to sort it or filter it by stance.
      </p>
    </details>
  );
}
