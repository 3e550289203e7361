import type { Db } from "@/db/database";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { sharedSections, sharedTopThreads } from "./discussion-snapshot";
import { listThreads, parseListCommentsQuery, threadPageFromRows, type CommentPage, type ThreadRows } from "./queries";
import { loadReaderMarks, type ReaderMarks } from "./reader-marks";
import type { ListCommentsQuery } from "./schemas";
import { getDiscussionSection, type DiscussionSection } from "./sections";

export interface ThreadsRequest {
  section: DiscussionSection;
  query: ListCommentsQuery;
}

export interface ThreadsForReader {
  pages: CommentPage[];
  /** The reader's stances and upvotes (null when signed out). */
  marks: ReaderMarks | null;
  /** Read from the database for this request alone, not from the shared snapshot. */
  fresh: boolean;
}

/** What every reader sees alike: the first page, top first. Other sorts, filters and pages are read per request. */
const isShared = (query: ListCommentsQuery) => query.sort === "top" && !query.stance && !query.cursor;

/**
 * Pages of threads as `actor` sees them. The default pages come from this instance's shared snapshot
 * (rows loaded for no actor, at most a second old) and are made the reader's by ONE statement of theirs
 * (loadReaderMarks): their upvotes marked, and the rules of toCommentNode applied for them — so the
 * author of a hidden comment still sees it is theirs, and their own comments get their controls.
 * Read per request instead: for admins (they see hidden bodies and earlier versions), for other sorts
 * and filters, and for a reader who wrote since the snapshot was loaded (so they see it at once).
 */
export async function threadsForReader(db: Db, actor: Actor | null, requests: ThreadsRequest[]): Promise<ThreadsForReader> {
  const shareable = actor?.role !== "admin" && requests.every((request) => isShared(request.query));
  const shared = shareable ? await Promise.all(requests.map((request) => sharedTopThreads(db, request.section.id, request.query.limit))) : null;
  const ids = shared?.flatMap((rows) => rows.value.comments.map((comment) => comment.id)) ?? [];
  const since = Math.min(Date.now(), ...(shared ?? []).map((rows) => rows.loadedAt));
  const marks = actor ? await loadReaderMarks(db, actor.id, ids, since) : null;
  if (!shared || marks?.wroteSince) {
    const pages = await Promise.all(requests.map((request) => listThreads(db, actor, request.section, request.query)));
    return { pages, marks, fresh: true };
  }
  const pages = shared.map(({ value }) => (value.found ? threadPageFromRows(marked(value, marks), actor, "top") : { comments: [], nextCursor: null }));
  return { pages, marks, fresh: false };
}

/** The shared rows with the reader's upvotes marked (copies: the snapshot itself stays the same for everyone). */
function marked(rows: ThreadRows, marks: ReaderMarks | null): ThreadRows {
  if (!marks || marks.upvoted.size === 0) return rows;
  return { ...rows, comments: rows.comments.map((comment) => (marks.upvoted.has(comment.id) ? { ...comment, myUpvote: true } : comment)) };
}

/**
 * A page of a section's threads for the API (GET /api/sections/{id}/comments): the query parsed as the
 * API promises (400 naming the parameter), then read like the section page reads it — the default
 * first page from this instance's shared snapshot made the reader's, anything else per request.
 */
export async function sectionCommentsForReader(
  db: Db,
  actor: Actor | null,
  input: { sectionId: string } & Partial<Record<keyof ListCommentsQuery, unknown>>,
): Promise<CommentPage> {
  const { sectionId, ...rawQuery } = input;
  const query = parseListCommentsQuery(rawQuery);
  const section = (await sharedSections(db)).value.find((candidate) => candidate.id === sectionId) ?? (await getDiscussionSection(db, sectionId));
  if (!section) throw new AppError("not_found", "No such section.");
  const { pages } = await threadsForReader(db, actor, [{ section, query }]);
  return pages[0]!;
}
