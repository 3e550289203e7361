import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { commentRevisions, comments, commentUpvotes, users, votes } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { MAX_REVISIONS_PER_COMMENT } from "./schemas";

// The comment queries answer with JSON built in PostgreSQL: one text value per statement, parsed
// once, whatever the driver (pg, PGlite, @vercel/postgres), instead of a statement per part of the
// view and a driver's type parsing per cell. Every view of comments goes through commentsJson.

/** A timestamptz as JavaScript's toISOString writes it (milliseconds, truncated like a Date is, in UTC). */
export const isoTime = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Columns are named through the schema (`${c.sectionId}` renders `"c"."section_id"`), so renaming one
// in db/schema.ts fails the type-check here instead of at run time. `c` is the comment being shown,
// whatever relation it comes from (comments itself or a CTE with its columns).
export const c = alias(comments, "c");
const rv = alias(commentRevisions, "rv");
const up = alias(commentUpvotes, "up");
const v = alias(votes, "v");
const u = alias(users, "u");

/** A comment (`c`) that is deleted and has no replies left is gone from the thread; every other one shows. */
export const shownInThread = sql`(${c.deletedAt} is null or ${c.replyCount} > 0)`;

/**
 * A json array of the comments `source` yields (a relation with the columns of `comments`), sorted
 * by `order` (over `c`, the comment, and `source`'s own extra columns), each as a CommentJson for
 * `actor`: with its author, the actor's upvote, the author's stance on `proposalId` (an SQL value,
 * null for none), and for admins the earlier versions of edited comments.
 */
export function commentsJson(actor: Pick<Actor, "id" | "role"> | null, proposalId: SQL, source: SQL, order: SQL): SQL {
  const myUpvote = actor ? sql`exists (select 1 from ${commentUpvotes} up where ${up.commentId} = ${c.id} and ${up.userId} = ${actor.id})` : sql`false`;
  const revisions =
    actor?.role === "admin"
      ? sql`, 'revisions', case when ${c.editedAt} is not null then coalesce((
            select json_agg(json_build_object('body', ${rv.body}, 'writtenAt', ${isoTime(sql`${rv.writtenAt}`)}, 'replacedAt', ${isoTime(sql`${rv.replacedAt}`)}) order by ${rv.id})
            from (select * from ${commentRevisions} where ${commentRevisions.commentId} = ${c.id} order by ${commentRevisions.id} desc limit ${MAX_REVISIONS_PER_COMMENT}::int) rv), '[]') end`
      : sql``;
  return sql`coalesce((
    select json_agg(json_build_object(
      'id', ${c.id}, 'sectionId', ${c.sectionId}, 'parentId', ${c.parentId}, 'depth', ${c.depth},
      'authorId', ${c.authorId}, 'authorName', ${u.name}, 'authorImage', ${u.image}, 'body', ${c.body},
      'createdAt', ${isoTime(sql`${c.createdAt}`)}, 'editedAt', ${isoTime(sql`${c.editedAt}`)},
      'deleted', ${c.deletedAt} is not null, 'hidden', ${c.hiddenAt} is not null,
      'score', ${c.score}, 'replyCount', ${c.replyCount}, 'myUpvote', ${myUpvote},
      'stance', (select ${v.stance} from ${votes} v where ${v.userId} = ${c.authorId} and ${v.proposalId} = ${proposalId})
      ${revisions}
    ) order by ${order})
    -- An index lookup per comment (offset 0 keeps the planner from turning it into a join, whose
    -- estimate over a CTE can pick a scan of every user).
    from ${source} c cross join lateral (select ${users.name}, ${users.image} from ${users} where ${users.id} = ${c.authorId} offset 0) u
  ), '[]')`;
}
