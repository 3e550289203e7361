import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { commentRevisions, commentUpvotes, comments, users, votes } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { encodeCursor, listCommentsQuerySchema, STANCES_BY_FILTER, type Cursor, type ListCommentsQuery } from "./schemas";
import { requireDiscussionSection, type DiscussionSection } from "./sections";
import { buildThreads, flattenThreads, toCommentNode, type CommentNode, type CommentRow } from "./view";

/** Levels shown nested under a comment (itself included); deeper replies continue on its permalink. */
export const VISIBLE_LEVELS = 6;
/** Replies loaded per thread on a page of threads, and under a permalink: the rest continue on permalinks. */
export const REPLIES_PER_THREAD = 30;
export const REPLIES_PER_PERMALINK = 200;

export interface CommentPage {
  comments: CommentNode[];
  nextCursor: string | null;
}

/** A comment that is deleted and has no replies left is gone from the thread; every other one shows. */
const shownInThread = or(isNull(comments.deletedAt), gt(comments.replyCount, 0));

/** Comments with their author, the viewer's upvote and the author's stance, in one query whatever the filter. */
function selectComments(db: DbOrTx, viewer: Actor | null, proposalId: string | null) {
  return db
    .select({
      id: comments.id,
      sectionId: comments.sectionId,
      parentId: comments.parentId,
      depth: comments.depth,
      authorId: comments.authorId,
      authorName: users.name,
      authorImage: users.image,
      body: comments.body,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      score: comments.score,
      replyCount: comments.replyCount,
      myUpvote: sql<boolean>`(${commentUpvotes.userId} is not null)`,
      stance: votes.stance,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(commentUpvotes, and(eq(commentUpvotes.commentId, comments.id), viewer ? eq(commentUpvotes.userId, viewer.id) : sql`false`))
    .leftJoin(votes, and(eq(votes.userId, comments.authorId), proposalId ? eq(votes.proposalId, proposalId) : sql`false`))
    .$dynamic();
}

/** GET /api/sections/{id}/comments: validates the query, 404 for an unknown section. */
export async function listSectionComments(db: DbOrTx, viewer: Actor | null, input: { sectionId: string } & Partial<Record<keyof ListCommentsQuery, unknown>>): Promise<CommentPage> {
  const { sectionId, ...rawQuery } = input;
  const parsed = listCommentsQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "query");
  return listThreads(db, viewer, await requireDiscussionSection(db, sectionId), parsed.data);
}

/**
 * A page of threads: one indexed query for the top-level comments (keyset pagination on the
 * section's partial indexes), one for their replies by root_id (capped per thread, at most
 * VISIBLE_LEVELS deep), and one more for admins' edit histories. Never a query per comment.
 */
export async function listThreads(db: DbOrTx, viewer: Actor | null, section: DiscussionSection, query: ListCommentsQuery): Promise<CommentPage> {
  if (query.stance && !section.proposalId) return { comments: [], nextCursor: null };
  const conditions = [eq(comments.sectionId, section.id), isNull(comments.parentId), shownInThread];
  if (query.cursor) conditions.push(afterCursor(query.cursor));
  if (query.stance) conditions.push(inArray(votes.stance, STANCES_BY_FILTER[query.stance]));
  const order = query.sort === "top" ? [desc(comments.score), desc(comments.id)] : query.sort === "new" ? [desc(comments.id)] : [asc(comments.id)];
  const rows = await selectComments(db, viewer, section.proposalId)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor(cursorAfter(query.sort, last)) : null;
  const tops = page.map((row) => toCommentNode(row, viewer));
  const replies = await loadThreadReplies(db, viewer, section.proposalId, tops.map((node) => node.id));
  const threads = buildThreads(tops, replies);
  await attachRevisions(db, viewer, threads);
  return { comments: threads, nextCursor };
}

function afterCursor(cursor: Cursor): SQL {
  if (cursor.sort === "top") return sql`(${comments.score}, ${comments.id}) < (${cursor.score}, ${cursor.id})`;
  return cursor.sort === "new" ? sql`${comments.id} < ${cursor.id}` : gt(comments.id, cursor.id);
}

function cursorAfter(sort: ListCommentsQuery["sort"], row: Pick<CommentRow, "id" | "score">): Cursor {
  return sort === "top" ? { sort, score: row.score, id: row.id } : { sort, id: row.id };
}

/**
 * The replies of these threads, oldest first: for each root, its first REPLIES_PER_THREAD shown
 * replies less than VISIBLE_LEVELS deep (a lateral join on comments_root_idx stops at the cap).
 * Taking the first ones by id keeps every loaded reply's parent loaded too: a parent is older.
 */
async function loadThreadReplies(db: DbOrTx, viewer: Actor | null, proposalId: string | null, rootIds: number[]): Promise<CommentNode[]> {
  if (rootIds.length === 0) return [];
  const root = alias(comments, "thread_root");
  const firstReplies = db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.rootId, root.id), isNotNull(comments.parentId), lte(comments.depth, VISIBLE_LEVELS - 1), shownInThread))
    .orderBy(asc(comments.id))
    .limit(REPLIES_PER_THREAD)
    .as("first_replies");
  const ids = db.select({ id: firstReplies.id }).from(root).innerJoinLateral(firstReplies, sql`true`).where(inArray(root.id, rootIds));
  const rows = await selectComments(db, viewer, proposalId).where(inArray(comments.id, ids)).orderBy(asc(comments.id));
  return rows.map((row) => toCommentNode(row, viewer));
}

export interface CommentContext {
  section: DiscussionSection;
  /** From the top-level comment down to the parent. */
  ancestors: CommentNode[];
  /** The comment, with its replies up to VISIBLE_LEVELS levels below it. */
  comment: CommentNode;
}

/** A comment's permalink: its ancestors and its own sub-thread. null when there is no such comment to show. */
export async function getCommentContext(db: DbOrTx, viewer: Actor | null, commentId: number): Promise<CommentContext | null> {
  const [target] = await db.select({ sectionId: comments.sectionId, depth: comments.depth }).from(comments).where(and(eq(comments.id, commentId), shownInThread));
  if (!target) return null;
  const section = await requireDiscussionSection(db, target.sectionId);

  // Ancestors and the sub-thread by recursive queries on comments_parent_idx: ids first, then one
  // select for all of them (ids are bigint: some drivers hand them back as strings).
  const ancestorIds = await queryRows<{ id: string | number }>(
    db,
    sql`with recursive chain(id, parent_id) as (
          select id, parent_id from comments where id = ${commentId}
          union all
          select c.id, c.parent_id from comments c join chain on c.id = chain.parent_id
        ) select id from chain where id <> ${commentId}`,
  );
  const subtreeIds = await queryRows<{ id: string | number }>(
    db,
    sql`with recursive sub(id) as (
          select id from comments where id = ${commentId}
          union all
          select c.id from comments c join sub on c.parent_id = sub.id
          where c.depth < ${target.depth + VISIBLE_LEVELS} and (c.deleted_at is null or c.reply_count > 0)
        ) select id from sub order by id limit ${REPLIES_PER_PERMALINK + 1}`,
  );
  const ids = [...ancestorIds, ...subtreeIds].map((row) => Number(row.id));
  const rows = await selectComments(db, viewer, section.proposalId).where(inArray(comments.id, ids)).orderBy(asc(comments.id));
  const nodes = rows.map((row) => toCommentNode(row, viewer));
  const ancestorSet = new Set(ancestorIds.map((row) => Number(row.id)));
  const focus = nodes.find((node) => node.id === commentId);
  if (!focus) return null;
  const [comment] = buildThreads([focus], nodes.filter((node) => !ancestorSet.has(node.id) && node.id !== commentId));
  const ancestors = nodes.filter((node) => ancestorSet.has(node.id));
  await attachRevisions(db, viewer, [...ancestors, comment!]);
  return { section, ancestors, comment: comment! };
}

/** One comment as `viewer` sees it, without replies (what the write API answers with). */
export async function getComment(db: DbOrTx, viewer: Actor | null, commentId: number, proposalId: string | null): Promise<CommentNode> {
  const [row] = await selectComments(db, viewer, proposalId).where(eq(comments.id, commentId));
  if (!row) throw new AppError("not_found", "No such comment.");
  const node = toCommentNode(row, viewer);
  await attachRevisions(db, viewer, [node]);
  return node;
}

/** Admins see every earlier version of edited comments: one query for a whole view. */
async function attachRevisions(db: DbOrTx, viewer: Actor | null, threads: CommentNode[]): Promise<void> {
  if (viewer?.role !== "admin") return;
  const edited = flattenThreads(threads).filter((node) => node.editedAt !== null);
  if (edited.length === 0) return;
  const rows = await db
    .select()
    .from(commentRevisions)
    .where(inArray(commentRevisions.commentId, edited.map((node) => node.id)))
    .orderBy(asc(commentRevisions.id));
  for (const node of edited) {
    node.revisions = rows
      .filter((row) => row.commentId === node.id)
      .map((row) => ({ body: row.body, writtenAt: row.writtenAt.toISOString(), replacedAt: row.replacedAt.toISOString() }));
  }
}
