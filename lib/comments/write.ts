import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/database";
import { commentRevisions, comments, moderationLog, sections } from "@/db/schema";
import { runTransaction } from "@/db/transaction";
import { assertOwnerOrAdmin } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { DAY, hitRateLimit, limitsFromEnv, MINUTE, type LimitOptions } from "@/lib/rate-limit";
import { getComment } from "./queries";
import { createCommentInputSchema, editCommentInputSchema } from "./schemas";
import { requireDiscussionSection } from "./sections";
import type { CommentNode } from "./view";

// Lock order, the same in every write so two of them never wait on each other in a circle: comment
// rows first (a comment, then its ancestors upwards), the section's counter row last.

const LOCKED_MESSAGE = "This discussion is locked.";

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "comment");
  return parsed.data;
}

/** Posts a top-level comment or a reply; the parent's reply count and the section's count move with it. */
export async function createComment(
  db: Db,
  actor: Actor,
  input: { sectionId: string; body: unknown; parentId?: unknown },
  { limits = limitsFromEnv() }: LimitOptions = {},
): Promise<CommentNode> {
  const { body, parentId } = parse(createCommentInputSchema, { body: input.body, parentId: input.parentId });
  const section = await requireDiscussionSection(db, input.sectionId);
  if (section.locked) throw new AppError("forbidden", LOCKED_MESSAGE);
  // Counted once the comment is known to be acceptable: a typo the reader fixes is not an attempt.
  await hitRateLimit(db, `comments:minute:${actor.id}`, limits.commentsPerMinute, MINUTE, "comments");
  await hitRateLimit(db, `comments:day:${actor.id}`, limits.commentsPerDay, DAY, "comments");

  const id = await runTransaction(db, async (tx) => {
    let placement = { parentId: null as number | null, rootId: null as number | null, depth: 0 };
    if (parentId) {
      const [parent] = await tx
        .select({ id: comments.id, sectionId: comments.sectionId, rootId: comments.rootId, depth: comments.depth, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
        .from(comments)
        .where(eq(comments.id, parentId))
        .for("no key update");
      if (!parent || parent.deletedAt || parent.hiddenAt) {
        throw new AppError("not_found", "The comment you are replying to does not exist or was removed.", [{ path: "parentId", message: "no such comment" }]);
      }
      if (parent.sectionId !== section.id) {
        throw new AppError("invalid_input", "You can only reply to a comment in the same section.", [{ path: "parentId", message: "is a comment in another section" }]);
      }
      placement = { parentId: parent.id, rootId: parent.rootId ?? parent.id, depth: parent.depth + 1 };
      await tx.update(comments).set({ replyCount: sql`${comments.replyCount} + 1` }).where(eq(comments.id, parent.id));
    }
    const [row] = await tx.insert(comments).values({ sectionId: section.id, authorId: actor.id, body, ...placement }).returning({ id: comments.id });
    const commentId = row!.id;
    if (placement.rootId === null) await tx.update(comments).set({ rootId: commentId }).where(eq(comments.id, commentId));
    // Checked again under the row lock: a moderator may have locked the discussion meanwhile.
    const counted = await tx
      .update(sections)
      .set({ commentCount: sql`${sections.commentCount} + 1` })
      .where(and(eq(sections.id, section.id), isNull(sections.lockedAt)))
      .returning({ id: sections.id });
    if (counted.length === 0) throw new AppError("forbidden", LOCKED_MESSAGE);
    return commentId;
  });
  return getComment(db, actor, id, section.proposalId);
}

/** Only the author edits; the version it replaces is kept in comment_revisions (admins see them). */
export async function editComment(db: Db, actor: Actor, input: { commentId: number; body: unknown }): Promise<CommentNode> {
  const { body } = parse(editCommentInputSchema, { body: input.body });
  const target = await runTransaction(db, async (tx) => {
    const comment = await lockComment(tx, input.commentId);
    if (comment.deletedAt) throw new AppError("not_found", "This comment was deleted.");
    if (comment.authorId !== actor.id) throw new AppError("forbidden", "Only its author can edit this comment.");
    const section = await requireDiscussionSection(tx, comment.sectionId);
    if (section.locked) throw new AppError("forbidden", LOCKED_MESSAGE);
    if (comment.body !== body) {
      await tx.insert(commentRevisions).values({ commentId: comment.id, body: comment.body, writtenAt: comment.editedAt ?? comment.createdAt });
      await tx.update(comments).set({ body, editedAt: sql`now()` }).where(eq(comments.id, comment.id));
    }
    return section;
  });
  return getComment(db, actor, input.commentId, target.proposalId);
}

/**
 * Soft delete by the author or an admin. With replies the comment stays as a "[deleted]"
 * placeholder; without, it leaves the thread, and so may a deleted parent left without replies.
 * Deleting a deleted comment changes nothing (a retried DELETE is harmless).
 */
export async function deleteComment(db: Db, actor: Actor, input: { commentId: number }): Promise<CommentNode> {
  const target = await runTransaction(db, async (tx) => {
    const comment = await lockComment(tx, input.commentId);
    assertOwnerOrAdmin(actor, comment.authorId, "this comment");
    const section = await requireDiscussionSection(tx, comment.sectionId);
    if (comment.deletedAt) return section;

    await tx.update(comments).set({ deletedAt: sql`now()` }).where(eq(comments.id, comment.id));
    if (comment.replyCount === 0) await leaveThread(tx, comment.parentId);
    if (!comment.hiddenAt) {
      await tx.update(sections).set({ commentCount: sql`${sections.commentCount} - 1` }).where(eq(sections.id, comment.sectionId));
    }
    if (actor.id !== comment.authorId) {
      await tx.insert(moderationLog).values({ actorId: actor.id, action: "comment.delete", targetType: "comment", targetId: String(comment.id) });
    }
    return section;
  });
  return getComment(db, actor, input.commentId, target.proposalId);
}

/** A reply left the thread: its parent has one reply fewer, and if that parent is deleted and now has none, it leaves too. */
async function leaveThread(tx: DbOrTx, parentId: number | null): Promise<void> {
  for (let id = parentId; id !== null; ) {
    const [parent] = await tx
      .update(comments)
      .set({ replyCount: sql`${comments.replyCount} - 1` })
      .where(eq(comments.id, id))
      .returning({ parentId: comments.parentId, deletedAt: comments.deletedAt, replyCount: comments.replyCount });
    id = parent && parent.deletedAt && parent.replyCount === 0 ? parent.parentId : null;
  }
}

async function lockComment(tx: DbOrTx, commentId: number) {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId)).for("no key update");
  if (!comment) throw new AppError("not_found", "No such comment.");
  return comment;
}
