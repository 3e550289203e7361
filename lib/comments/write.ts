import { and, desc, eq, notInArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/database";
import { columnName, queryJson } from "@/db/raw-sql";
import { commentRevisions, comments, moderationLog, sections, users } from "@/db/schema";
import { retryingConflicts, runTransaction } from "@/db/transaction";
import { assertOwnerOrAdmin } from "@/lib/auth/guard";
import { liveSessionSql } from "@/lib/auth/server-sessions";
import type { Actor, Writer } from "@/lib/auth/users";
import { bannedError, unauthenticatedError } from "@/lib/auth/writer-errors";
import { AppError } from "@/lib/errors";
import { replyNotificationsCte } from "@/lib/notifications/notify-sql";
import {
  countAttemptsSql,
  DAY,
  hitRateLimits,
  limitsFromEnv,
  MINUTE,
  refuseOverLimits,
  type LimitOptions,
  type LimitWindow,
  type WindowCount,
} from "@/lib/rate-limit";
import { toCommentNode, type CommentJson, type CommentNode } from "./comment-nodes";
import { c, commentsJson } from "./comment-sql";
import { forgettingDiscussions } from "./discussion-snapshot";
import { getComment } from "./queries";
import { createCommentInputSchema, editCommentInputSchema, MAX_REVISIONS_PER_COMMENT } from "./schemas";
import { proposalOfSection, requireDiscussionSection } from "./sections";

// Lock order, the same in every write so two of them never wait on each other in a circle: comment
// rows first (a comment, then its ancestors upwards), the section's counter row last.

const LOCKED_MESSAGE = "This discussion is locked.";

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "comment");
  return parsed.data;
}

/**
 * Posts a top-level comment or a reply; the parent's reply count and the section's count move with
 * it. ONE statement (postCommentSql) does every step the rules ask for, in their order, and says how
 * far it got; the first step that refused is the error. Atomic like a transaction: a refused or
 * aborted statement changes nothing, except that the rate limits count an attempt on an open section.
 * The first step is the writer check (the user exists and the session is live → else 401, is not
 * banned → else 403), under a share lock on their row, so `writer` needs no more than what the
 * session cookie names (the API reads nothing before this statement) and a ban that lands while the
 * statement waits is seen.
 */
export async function createComment(
  db: Db,
  writer: Writer,
  input: { sectionId: string; body: unknown; parentId?: unknown },
  { limits = limitsFromEnv() }: LimitOptions = {},
): Promise<CommentNode> {
  const { body, parentId } = parse(createCommentInputSchema, { body: input.body, parentId: input.parentId });
  const windows = [
    { key: `comments:minute:${writer.id}`, max: limits.commentsPerMinute, windowSeconds: MINUTE },
    { key: `comments:day:${writer.id}`, max: limits.commentsPerDay, windowSeconds: DAY },
  ];
  // A new comment is neither hidden nor edited: the actor's role changes nothing in how it reads.
  const actor: Pick<Actor, "id" | "role"> = { id: writer.id, role: "reader" };
  const statement = postCommentSql(actor, writer.sessionId, { sectionId: input.sectionId, parentId: parentId ?? null, body }, windows);
  const outcome = await forgettingDiscussions(retryingConflicts(() => queryJson<PostOutcome>(db, statement)));

  if (!outcome.writer) throw unauthenticatedError();
  if (outcome.writer.banned) throw bannedError(outcome.writer.banReason ?? "banned by a moderator");
  if (!outcome.section) throw new AppError("not_found", "No such section.");
  if (outcome.section.locked) throw new AppError("forbidden", LOCKED_MESSAGE);
  refuseOverLimits(outcome.limits, windows, "comments");
  if (parentId) {
    if (!outcome.parent?.shown) {
      throw new AppError("not_found", "The comment you are replying to does not exist or was removed.", [{ path: "parentId", message: "no such comment" }]);
    }
    if (outcome.parent.sectionId !== input.sectionId) {
      throw new AppError("invalid_input", "You can only reply to a comment in the same section.", [
        { path: "parentId", message: "is a comment in another section" },
      ]);
    }
  }
  // Open when first read, locked by the time its row was updated: a moderator locked it meanwhile.
  if (!outcome.comment) throw new AppError("forbidden", LOCKED_MESSAGE);
  return toCommentNode(outcome.comment, actor);
}

/** How far postCommentSql got: each part is null when the statement did not reach it. */
interface PostOutcome {
  writer: { banned: boolean; banReason: string | null } | null;
  section: { locked: boolean } | null;
  limits: WindowCount[];
  parent: { sectionId: string; shown: boolean } | null;
  comment: CommentJson | null;
}

/**
 * The steps of posting, each a CTE that runs only if the ones before it passed: the writer (exists,
 * not banned? their row share-locked, so a ban committing meanwhile is waited for and seen); the section
 * (open?); count the attempt in the rate limits (within them?); lock the parent (shown, and in this
 * section?); add one to the section's count, checking again under its row lock that it is still
 * open; add one to the parent's reply count; insert, the new id drawn first so a new thread is its
 * own root; and queue the notifications it owes (lib/notifications/notify-sql.ts). Rows are locked in the order every write uses: the comment first, the section last.
 */
function postCommentSql(
  actor: Pick<Actor, "id" | "role">,
  sessionId: string | undefined,
  input: { sectionId: string; parentId: number | null; body: string },
  windows: LimitWindow[],
): SQL {
  const { sectionId, parentId, body } = input;
  const limits = countAttemptsSql(windows, sql`exists (select 1 from section where not locked)`);
  // Columns through the schema: a rename in db/schema.ts fails the type-check here. `bare` is a
  // column without its table, for SET and INSERT column lists.
  const bare = columnName;
  const placement =
    parentId === null
      ? sql`parent as (select null::text as section_id, null::boolean as shown where false),
            placement as (select null::bigint as parent_id, null::bigint as root_id, 0 as depth where ${limits.within})`
      : sql`parent as (
              select ${comments.id}, ${comments.sectionId}, ${comments.rootId}, ${comments.depth},
                     ${comments.deletedAt} is null and ${comments.hiddenAt} is null as shown
              from ${comments} where ${comments.id} = ${parentId}::bigint and ${limits.within}
              for no key update
            ),
            placement as (select id as parent_id, coalesce(root_id, id) as root_id, depth + 1 as depth from parent where shown and section_id = ${sectionId})`;
  const live = sessionId === undefined ? sql`true` : liveSessionSql(sessionId, users.id);
  return sql`with writer as (
      select ${users.bannedAt} is not null as banned, ${users.banReason} as ban_reason from ${users}
      where ${users.id} = ${actor.id} and ${live} for share of ${users}
    ),
    section as (
      select ${sections.id}, ${sections.lockedAt} is not null as locked, ${proposalOfSection} as proposal_id from ${sections}
      where ${sections.id} = ${sectionId} and exists (select 1 from writer where not banned)
    ),
    ${limits.ctes},
    ${placement},
    counted as (
      update ${sections} set ${bare(sections.commentCount)} = ${sections.commentCount} + 1
      where ${sections.id} = ${sectionId} and ${sections.lockedAt} is null and exists (select 1 from placement)
      returning ${sections.id}
    ),
    replied as (
      update ${comments} set ${bare(comments.replyCount)} = ${comments.replyCount} + 1
      where ${comments.id} = (select parent_id from placement) and exists (select 1 from counted)
      returning ${comments.id}
    ),
    inserted as (
      insert into ${comments} (${sql.join(
        [comments.id, comments.sectionId, comments.parentId, comments.rootId, comments.depth, comments.authorId, comments.body].map(bare),
        sql`, `,
      )}) overriding system value
      select n.id, ${sectionId}, p.parent_id, coalesce(p.root_id, n.id), p.depth, ${actor.id}, ${body}
      from (select nextval(pg_get_serial_sequence('comments', ${comments.id.name})) as id from counted) n, placement p
      returning *
    ),
    ${replyNotificationsCte(sql`inserted`)}
    select json_build_object(
      'writer', (select json_build_object('banned', banned, 'banReason', ban_reason) from writer),
      'section', (select json_build_object('locked', locked) from section),
      'limits', ${limits.counts},
      'parent', (select json_build_object('sectionId', section_id, 'shown', shown) from parent),
      'comment', ${commentsJson(actor, sql`(select proposal_id from section)`, sql`inserted`, sql`${c.id}`)} -> 0
    )::text as json`;
}

/**
 * Only the author edits; the version it replaces is kept in comment_revisions (admins see them), the
 * MAX_REVISIONS_PER_COMMENT most recent ones. Edits are rate-limited like comments: each stores a
 * revision, so an unlimited stream of them would be unbounded writes.
 */
export async function editComment(
  db: Db,
  actor: Actor,
  input: { commentId: number; body: unknown },
  { limits = limitsFromEnv() }: LimitOptions = {},
): Promise<CommentNode> {
  const { body } = parse(editCommentInputSchema, { body: input.body });
  await hitRateLimits(
    db,
    [
      { key: `edits:minute:${actor.id}`, max: limits.editsPerMinute, windowSeconds: MINUTE },
      { key: `edits:day:${actor.id}`, max: limits.editsPerDay, windowSeconds: DAY },
    ],
    "edits",
  );
  const target = await forgettingDiscussions(editTransaction(db, actor, input.commentId, body));
  return getComment(db, actor, input.commentId, target.proposalId);
}

function editTransaction(db: Db, actor: Actor, commentId: number, body: string) {
  return runTransaction(db, async (tx) => {
    const comment = await lockComment(tx, commentId);
    if (comment.deletedAt) throw new AppError("not_found", "This comment was deleted.");
    if (comment.authorId !== actor.id) throw new AppError("forbidden", "Only its author can edit this comment.");
    const section = await requireDiscussionSection(tx, comment.sectionId);
    if (section.locked) throw new AppError("forbidden", LOCKED_MESSAGE);
    if (comment.body !== body) {
      await tx.insert(commentRevisions).values({ commentId: comment.id, body: comment.body, writtenAt: comment.editedAt ?? comment.createdAt });
      await tx
        .update(comments)
        .set({ body, editedAt: sql`now()` })
        .where(eq(comments.id, comment.id));
      await dropOldRevisions(tx, comment.id);
    }
    return section;
  });
}

/**
 * Soft delete by the author or an admin. With replies the comment stays as a "[deleted]"
 * placeholder; without, it leaves the thread, and so may a deleted parent left without replies.
 * Deleting a deleted comment changes nothing (a retried DELETE is harmless).
 */
export async function deleteComment(db: Db, actor: Actor, input: { commentId: number }): Promise<CommentNode> {
  const target = await forgettingDiscussions(deleteTransaction(db, actor, input.commentId));
  return getComment(db, actor, input.commentId, target.proposalId);
}

function deleteTransaction(db: Db, actor: Actor, commentId: number) {
  return runTransaction(db, async (tx) => {
    const comment = await lockComment(tx, commentId);
    assertOwnerOrAdmin(actor, comment.authorId, "this comment");
    const section = await requireDiscussionSection(tx, comment.sectionId);
    if (comment.deletedAt) return section;

    await tx
      .update(comments)
      .set({ deletedAt: sql`now()` })
      .where(eq(comments.id, comment.id));
    if (comment.replyCount === 0) await leaveThread(tx, comment.parentId);
    if (!comment.hiddenAt) {
      await tx
        .update(sections)
        .set({ commentCount: sql`${sections.commentCount} - 1` })
        .where(eq(sections.id, comment.sectionId));
    }
    if (actor.id !== comment.authorId) {
      await tx.insert(moderationLog).values({ actorId: actor.id, action: "comment.delete", targetType: "comment", targetId: String(comment.id) });
    }
    return section;
  });
}

/** A reply left the thread: its parent has one reply fewer, and if that parent is deleted and now has none, it leaves too. */
async function leaveThread(tx: DbOrTx, parentId: number | null): Promise<void> {
  for (let id = parentId; id !== null;) {
    const [parent] = await tx
      .update(comments)
      .set({ replyCount: sql`${comments.replyCount} - 1` })
      .where(eq(comments.id, id))
      .returning({ parentId: comments.parentId, deletedAt: comments.deletedAt, replyCount: comments.replyCount });
    id = parent && parent.deletedAt && parent.replyCount === 0 ? parent.parentId : null;
  }
}

/** Keeps the MAX_REVISIONS_PER_COMMENT newest revisions of a comment (its row is locked: edits take turns). */
async function dropOldRevisions(tx: DbOrTx, commentId: number): Promise<void> {
  const kept = tx
    .select({ id: commentRevisions.id })
    .from(commentRevisions)
    .where(eq(commentRevisions.commentId, commentId))
    .orderBy(desc(commentRevisions.id))
    .limit(MAX_REVISIONS_PER_COMMENT);
  await tx.delete(commentRevisions).where(and(eq(commentRevisions.commentId, commentId), notInArray(commentRevisions.id, kept)));
}

async function lockComment(tx: DbOrTx, commentId: number) {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId)).for("no key update");
  if (!comment) throw new AppError("not_found", "No such comment.");
  return comment;
}
