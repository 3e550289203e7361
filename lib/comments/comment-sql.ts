import { sql, type SQL } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/users";
import { MAX_REVISIONS_PER_COMMENT } from "./schemas";

// The comment queries answer with JSON built in PostgreSQL: one text value per statement, parsed
// once, whatever the driver (pg, PGlite, @vercel/postgres), instead of a statement per part of the
// view and a driver's type parsing per cell. Every view of comments goes through commentsJson.

/** A timestamptz as JavaScript's toISOString writes it (milliseconds, truncated like a Date is, in UTC). */
export const isoTime = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A comment that is deleted and has no replies left is gone from the thread; every other one shows. */
export const shownInThread = (alias: string) => sql.raw(`(${alias}.deleted_at is null or ${alias}.reply_count > 0)`);

/**
 * A json array of the comments `source` yields (a relation with the columns of `comments`), sorted
 * by `order` (over `c`, the comment, and `source`'s own extra columns), each as a CommentJson for
 * `viewer`: with its author, the viewer's upvote, the author's stance on `proposalId` (an SQL value,
 * null for none), and for admins the earlier versions of edited comments.
 */
export function commentsJson(viewer: Viewer | null, proposalId: SQL, source: SQL, order: SQL): SQL {
  const myUpvote = viewer ? sql`exists (select 1 from comment_upvotes up where up.comment_id = c.id and up.user_id = ${viewer.id})` : sql`false`;
  const revisions =
    viewer?.role === "admin"
      ? sql`, 'revisions', case when c.edited_at is not null then coalesce((
            select json_agg(json_build_object('body', rv.body, 'writtenAt', ${isoTime(sql`rv.written_at`)}, 'replacedAt', ${isoTime(sql`rv.replaced_at`)}) order by rv.id)
            from (select * from comment_revisions where comment_id = c.id order by id desc limit ${MAX_REVISIONS_PER_COMMENT}::int) rv), '[]') end`
      : sql``;
  return sql`coalesce((
    select json_agg(json_build_object(
      'id', c.id, 'sectionId', c.section_id, 'parentId', c.parent_id, 'depth', c.depth,
      'authorId', c.author_id, 'authorName', u.name, 'authorImage', u.image, 'body', c.body,
      'createdAt', ${isoTime(sql`c.created_at`)}, 'editedAt', ${isoTime(sql`c.edited_at`)},
      'deleted', c.deleted_at is not null, 'hidden', c.hidden_at is not null,
      'score', c.score, 'replyCount', c.reply_count, 'myUpvote', ${myUpvote},
      'stance', (select v.stance from votes v where v.user_id = c.author_id and v.proposal_id = ${proposalId})
      ${revisions}
    ) order by ${order})
    -- An index lookup per comment (offset 0 keeps the planner from turning it into a join, whose
    -- estimate over a CTE can pick a scan of every user).
    from ${source} c cross join lateral (select name, image from users where users.id = c.author_id offset 0) u
  ), '[]')`;
}
