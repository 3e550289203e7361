import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/database";
import { queryJson, queryRows } from "@/db/raw-sql";
import { comments, sections, votes } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { buildThreads, toCommentNode, type CommentJson, type CommentNode } from "./comment-nodes";
import { c, commentsJson, shownInThread } from "./comment-sql";
import { encodeCursor, listCommentsQuerySchema, STANCES_BY_FILTER, type Cursor, type ListCommentsQuery } from "./schemas";
import { proposalOfSection, requireDiscussionSection, type DiscussionSection } from "./sections";

/** Levels shown nested under a comment (itself included); deeper replies continue on its permalink. */
export const VISIBLE_LEVELS = 6;
/** Replies loaded per thread on a page of threads, and under a permalink: the rest continue on permalinks. */
export const REPLIES_PER_THREAD = 30;
export const REPLIES_PER_PERMALINK = 200;
/** Ancestors shown above a permalink's comment, nearest last; higher ones are a link up, so a deep reply costs the same as a shallow one. */
export const ANCESTORS_PER_PERMALINK = 3;

export interface CommentPage {
  comments: CommentNode[];
  nextCursor: string | null;
}

/** GET /api/sections/{id}/comments: validates the query, 404 for an unknown section. */
export async function listSectionComments(
  db: DbOrTx,
  actor: Actor | null,
  input: { sectionId: string } & Partial<Record<keyof ListCommentsQuery, unknown>>,
): Promise<CommentPage> {
  const { sectionId, ...rawQuery } = input;
  const page = await loadThreadPage(db, actor, sectionId, parseListCommentsQuery(rawQuery));
  if (!page) throw new AppError("not_found", "No such section.");
  return page;
}

/** The API's query of a page of threads, parsed: a 400 naming the parameter when it is invalid. */
export function parseListCommentsQuery(rawQuery: Partial<Record<keyof ListCommentsQuery, unknown>>): ListCommentsQuery {
  const parsed = listCommentsQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "query");
  return parsed.data;
}

/** A page of threads of a section already loaded (the section page, "load more"). */
export async function listThreads(db: DbOrTx, actor: Actor | null, section: DiscussionSection, query: ListCommentsQuery): Promise<CommentPage> {
  if (query.stance && !section.proposalId) return { comments: [], nextCursor: null };
  return (await loadThreadPage(db, actor, section.id, query)) ?? { comments: [], nextCursor: null };
}

/**
 * A page of threads in ONE statement, or null for an unknown section (loadThreadRows, then threadPageFromRows).
 */
async function loadThreadPage(db: DbOrTx, actor: Actor | null, sectionId: string, query: ListCommentsQuery): Promise<CommentPage | null> {
  const rows = await loadThreadRows(db, actor, sectionId, query);
  return rows.found ? threadPageFromRows(rows, actor, query.sort) : null;
}

/** A page of threads as the database answers it: the rows for `actor`, before the rules shape them into a view. */
export interface ThreadRows {
  found: boolean;
  more: boolean;
  comments: CommentJson[];
}

/**
 * The rows of a page of threads: the top-level comments by keyset pagination on the section's partial
 * indexes (one more than the page, to know whether another follows), the replies of each by root_id (a
 * lateral join on comments_root_idx stops at REPLIES_PER_THREAD, at most VISIBLE_LEVELS deep), and for
 * all of them what commentsJson adds. Taking a thread's first replies by id keeps every loaded reply's
 * parent loaded too: a parent is older. Loaded for no actor (myUpvote false, no revisions), the rows
 * serve every reader but admins once the reader's upvotes are marked (lib/comments/shared-threads.ts).
 */
export async function loadThreadRows(db: DbOrTx, actor: Actor | null, sectionId: string, query: ListCommentsQuery): Promise<ThreadRows> {
  const order = query.sort === "top" ? sql`${c.score} desc, ${c.id} desc` : query.sort === "new" ? sql`${c.id} desc` : sql`${c.id} asc`;
  const conditions = [sql`${c.sectionId} = ${sectionId}`, sql`${c.parentId} is null`, shownInThread];
  if (query.cursor) conditions.push(afterCursor(query.cursor));
  if (query.stance) {
    // A subquery per comment, not a join: walking the section's index in page order and looking each
    // author's vote up by key stops after a page; a join may start from every vote on the proposal.
    const stances = sql.join(
      STANCES_BY_FILTER[query.stance].map((stance) => sql`${stance}::smallint`),
      sql`, `,
    );
    conditions.push(
      sql`(select ${votes.stance} from ${votes} where ${votes.userId} = ${c.authorId} and ${votes.proposalId} = (select proposal_id from s)) in (${stances})`,
    );
  }
  return queryJson<ThreadRows>(
    db,
    sql`with s as (
          select ${sections.id}, ${proposalOfSection} as proposal_id from ${sections} where ${sections.id} = ${sectionId}
        ),
        tops as (
          select c.*, row_number() over (order by ${order}) as position from ${comments} c
          where ${sql.join(conditions, sql` and `)}
          order by ${order} limit ${query.limit + 1}::int
        ),
        shown as (
          select * from tops where position <= ${query.limit}::int
          union all
          select r.*, ${query.limit + 1}::bigint from tops t cross join lateral (
            select * from ${comments} c
            where ${c.rootId} = t.id and ${c.parentId} is not null and ${c.depth} <= ${VISIBLE_LEVELS - 1}::int and ${shownInThread}
            order by ${c.id} limit ${REPLIES_PER_THREAD}::int
          ) r
          where t.position <= ${query.limit}::int
        )
        select json_build_object(
          'found', exists (select 1 from s),
          'more', exists (select 1 from tops where position > ${query.limit}::int),
          'comments', ${commentsJson(actor, sql`(select proposal_id from s)`, sql`shown`, sql`c.position, ${c.id}`)}
        )::text as json`,
  );
}

/** Rows (tops first, then their replies by id) → the threads as `actor` may see them, and the next page's cursor. */
export function threadPageFromRows(rows: ThreadRows, actor: Actor | null, sort: ListCommentsQuery["sort"]): CommentPage {
  const nodes = rows.comments.map((comment) => toCommentNode(comment, actor));
  const tops = nodes.filter((node) => node.parentId === null);
  // From the row, not the node: a withheld comment's node shows score 0, the order uses the real one.
  const last = rows.comments.filter((comment) => comment.parentId === null).at(-1);
  const nextCursor = rows.more && last ? encodeCursor(cursorAfter(sort, last)) : null;
  return { comments: buildThreads(tops, nodes.slice(tops.length)), nextCursor };
}

function afterCursor(cursor: Cursor): SQL {
  if (cursor.sort === "top") return sql`(${c.score}, ${c.id}) < (${cursor.score}::int, ${cursor.id}::bigint)`;
  return cursor.sort === "new" ? sql`${c.id} < ${cursor.id}::bigint` : sql`${c.id} > ${cursor.id}::bigint`;
}

function cursorAfter(sort: ListCommentsQuery["sort"], comment: Pick<CommentJson, "id" | "score">): Cursor {
  return sort === "top" ? { sort, score: comment.score, id: comment.id } : { sort, id: comment.id };
}

export interface CommentContext {
  section: DiscussionSection;
  /** The nearest ANCESTORS_PER_PERMALINK ancestors, from the highest of them down to the parent. */
  ancestors: CommentNode[];
  /** The comment above the highest ancestor shown, when there is one: where "continue up" leads. */
  aboveId: number | null;
  /** The comment, with its replies up to VISIBLE_LEVELS levels below it. */
  comment: CommentNode;
}

/** A comment's permalink: its ancestors and its own sub-thread. null when there is no such comment to show. */
export async function getCommentContext(db: DbOrTx, actor: Actor | null, commentId: number): Promise<CommentContext | null> {
  const [target] = await queryRows<{ section_id: string; depth: number }>(
    db,
    sql`select ${c.sectionId}, ${c.depth} from ${comments} c where ${c.id} = ${commentId} and ${shownInThread}`,
  );
  if (!target) return null;
  const section = await requireDiscussionSection(db, target.section_id);

  // The nearest ancestors (a walk of at most ANCESTORS_PER_PERMALINK steps up, by primary key) and
  // the sub-thread (a recursive query on comments_parent_idx), then what commentsJson adds, all in
  // one statement.
  const context = await queryJson<{ ancestorIds: number[]; aboveId: number | null; comments: CommentJson[] }>(
    db,
    sql`with recursive chain(id, parent_id, step) as (
          select ${comments.id}, ${comments.parentId}, 0 from ${comments} where ${comments.id} = ${commentId}
          union all
          select ${c.id}, ${c.parentId}, chain.step + 1 from ${comments} c join chain on ${c.id} = chain.parent_id
          where chain.step < ${ANCESTORS_PER_PERMALINK}::int
        ),
        sub(id) as (
          select ${comments.id} from ${comments} where ${comments.id} = ${commentId}
          union all
          select ${c.id} from ${comments} c join sub on ${c.parentId} = sub.id
          where ${c.depth} < ${Number(target.depth) + VISIBLE_LEVELS}::int and ${shownInThread}
        ),
        shown as (
          select * from ${comments} where ${comments.id} in (select id from chain union all (select id from sub order by id limit ${REPLIES_PER_PERMALINK + 1}::int))
        )
        select json_build_object(
          'ancestorIds', (select coalesce(json_agg(id), '[]') from chain where id <> ${commentId}),
          'aboveId', (select parent_id from chain where step = ${ANCESTORS_PER_PERMALINK}::int),
          'comments', ${commentsJson(actor, proposalParameter(section.proposalId), sql`shown`, sql`${c.id}`)}
        )::text as json`,
  );
  const ancestorSet = new Set(context.ancestorIds);
  const nodes = context.comments.map((comment) => toCommentNode(comment, actor));
  const focus = nodes.find((node) => node.id === commentId);
  if (!focus) return null;
  const [comment] = buildThreads(
    [focus],
    nodes.filter((node) => !ancestorSet.has(node.id) && node !== focus),
  );
  const ancestors = nodes.filter((node) => ancestorSet.has(node.id));
  return { section, ancestors, aboveId: context.aboveId, comment: comment! };
}

/** One comment as `actor` sees it, without replies (what the write API answers with). */
export async function getComment(db: DbOrTx, actor: Actor | null, commentId: number, proposalId: string | null): Promise<CommentNode> {
  const [comment] = await queryJson<CommentJson[]>(
    db,
    sql`select ${commentsJson(actor, proposalParameter(proposalId), sql`(select * from ${comments} where ${comments.id} = ${commentId})`, sql`${c.id}`)}::text as json`,
  );
  if (!comment) throw new AppError("not_found", "No such comment.");
  return toCommentNode(comment, actor);
}

const proposalParameter = (proposalId: string | null) => (proposalId === null ? sql`null` : sql`${proposalId}`);
