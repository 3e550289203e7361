import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/database";
import { comments, sections, users } from "@/db/schema";
import { runTransaction } from "@/db/transaction";
import { endUserSessions } from "@/lib/auth/server-sessions";
import type { Actor } from "@/lib/auth/users";
import { forgettingDiscussions } from "@/lib/comments/discussion-snapshot";
import { AppError } from "@/lib/errors";
import { appendLog } from "./log";
import { resolveReports } from "./reports";
import { banInputSchema, moderationInputSchema } from "./schemas";

// Every action here: admins only (checked again here, not only by the route's guard), one
// transaction that changes the target and appends to moderation_log. Repeating an action that is
// already in effect changes nothing and logs nothing.

export interface CommentModeration {
  commentId: number;
  hidden: boolean;
  hiddenReason: "moderator" | "reports" | null;
  reportCount: number;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only moderators can do this.");
}

function reasonOf(input: unknown): string | null {
  const parsed = moderationInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw AppError.fromZod(parsed.error, "input");
  return parsed.data.reason ?? null;
}

async function lockComment(tx: DbOrTx, commentId: number) {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId)).for("no key update");
  if (!comment || comment.deletedAt) throw new AppError("not_found", "No such comment.");
  return comment;
}

async function moveSectionCount(tx: DbOrTx, sectionId: string, delta: 1 | -1): Promise<void> {
  await tx
    .update(sections)
    .set({ commentCount: sql`${sections.commentCount} + ${delta}` })
    .where(eq(sections.id, sectionId));
}

/** Hides a comment behind a "removed by a moderator" placeholder (its replies stay); resolves its reports. */
export async function hideComment(db: Db, actor: Actor, input: { commentId: number; reason?: unknown }): Promise<CommentModeration> {
  assertAdmin(actor);
  const reason = reasonOf({ reason: input.reason });
  return forgettingDiscussions(
    runTransaction(db, async (tx) => {
      const comment = await lockComment(tx, input.commentId);
      if (comment.hiddenReason === "moderator") return { commentId: comment.id, hidden: true, hiddenReason: "moderator", reportCount: comment.reportCount };
      await tx
        .update(comments)
        .set({ hiddenAt: sql`now()`, hiddenReason: "moderator" })
        .where(eq(comments.id, comment.id));
      if (comment.hiddenAt === null) await moveSectionCount(tx, comment.sectionId, -1);
      await resolveReports(tx, comment.id);
      await appendLog(tx, { actorId: actor.id, action: "comment.hide", targetType: "comment", targetId: comment.id, reason });
      return { commentId: comment.id, hidden: true, hiddenReason: "moderator", reportCount: 0 };
    }),
  );
}

/** Shows a hidden comment again and resolves its open reports (so they cannot hide it again). */
export async function restoreComment(db: Db, actor: Actor, input: { commentId: number; reason?: unknown }): Promise<CommentModeration> {
  assertAdmin(actor);
  const reason = reasonOf({ reason: input.reason });
  return forgettingDiscussions(
    runTransaction(db, async (tx) => {
      const comment = await lockComment(tx, input.commentId);
      if (comment.hiddenAt === null && comment.reportCount === 0) return { commentId: comment.id, hidden: false, hiddenReason: null, reportCount: 0 };
      if (comment.hiddenAt !== null) {
        await tx.update(comments).set({ hiddenAt: null, hiddenReason: null }).where(eq(comments.id, comment.id));
        await moveSectionCount(tx, comment.sectionId, 1);
      }
      await resolveReports(tx, comment.id);
      await appendLog(tx, { actorId: actor.id, action: "comment.restore", targetType: "comment", targetId: comment.id, reason });
      return { commentId: comment.id, hidden: false, hiddenReason: null, reportCount: 0 };
    }),
  );
}

/**
 * Dismisses a comment's open reports: they were unfounded. A comment the reports had hidden shows
 * again; one a moderator hid stays hidden.
 */
export async function dismissReports(db: Db, actor: Actor, input: { commentId: number; reason?: unknown }): Promise<CommentModeration> {
  assertAdmin(actor);
  const reason = reasonOf({ reason: input.reason });
  return forgettingDiscussions(
    runTransaction(db, async (tx) => {
      const comment = await lockComment(tx, input.commentId);
      const unhide = comment.hiddenReason === "reports";
      if (comment.reportCount === 0 && !unhide) {
        return { commentId: comment.id, hidden: comment.hiddenAt !== null, hiddenReason: comment.hiddenReason, reportCount: 0 };
      }
      if (unhide) {
        await tx.update(comments).set({ hiddenAt: null, hiddenReason: null }).where(eq(comments.id, comment.id));
        await moveSectionCount(tx, comment.sectionId, 1);
      }
      await resolveReports(tx, comment.id);
      await appendLog(tx, { actorId: actor.id, action: "comment.dismiss", targetType: "comment", targetId: comment.id, reason });
      const hidden = comment.hiddenAt !== null && !unhide;
      return { commentId: comment.id, hidden, hiddenReason: hidden ? comment.hiddenReason : null, reportCount: 0 };
    }),
  );
}

export interface SectionModeration {
  sectionId: string;
  locked: boolean;
}

/** Locks (read-only) or unlocks a section's discussion. */
export async function setSectionLocked(db: Db, actor: Actor, input: { sectionId: string; locked: boolean; reason?: unknown }): Promise<SectionModeration> {
  assertAdmin(actor);
  const reason = reasonOf({ reason: input.reason });
  return forgettingDiscussions(
    runTransaction(db, async (tx) => {
      const [section] = await tx
        .select({ id: sections.id, lockedAt: sections.lockedAt })
        .from(sections)
        .where(eq(sections.id, input.sectionId))
        .for("no key update");
      if (!section) throw new AppError("not_found", "No such section.");
      if ((section.lockedAt !== null) === input.locked) return { sectionId: section.id, locked: input.locked };
      await tx
        .update(sections)
        .set({ lockedAt: input.locked ? sql`now()` : null })
        .where(eq(sections.id, section.id));
      await appendLog(tx, { actorId: actor.id, action: input.locked ? "section.lock" : "section.unlock", targetType: "section", targetId: section.id, reason });
      return { sectionId: section.id, locked: input.locked };
    }),
  );
}

export interface UserModeration {
  userId: string;
  banned: boolean;
  banReason: string | null;
}

/** Bans a reader (a reason is required: they are shown it). They keep reading; every write is refused by the guard. */
export async function banUser(db: Db, actor: Actor, input: { userId: string; reason: unknown }): Promise<UserModeration> {
  assertAdmin(actor);
  const parsed = banInputSchema.safeParse({ reason: input.reason });
  if (!parsed.success) throw AppError.fromZod(parsed.error, "ban");
  const { reason } = parsed.data;
  if (input.userId === actor.id) throw new AppError("forbidden", "You cannot ban yourself.");
  return runTransaction(db, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, bannedAt: users.bannedAt, banReason: users.banReason })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("no key update");
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.bannedAt !== null && user.banReason === reason) return { userId: user.id, banned: true, banReason: reason };
    await tx
      .update(users)
      .set({ bannedAt: sql`coalesce(${users.bannedAt}, now())`, banReason: reason })
      .where(eq(users.id, user.id));
    await appendLog(tx, { actorId: actor.id, action: "user.ban", targetType: "user", targetId: user.id, reason });
    return { userId: user.id, banned: true, banReason: reason };
  });
}

export async function unbanUser(db: Db, actor: Actor, input: { userId: string; reason?: unknown }): Promise<UserModeration> {
  assertAdmin(actor);
  const reason = reasonOf({ reason: input.reason });
  return runTransaction(db, async (tx) => {
    const [user] = await tx.select({ id: users.id, bannedAt: users.bannedAt }).from(users).where(eq(users.id, input.userId)).for("no key update");
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.bannedAt === null) return { userId: user.id, banned: false, banReason: null };
    await tx.update(users).set({ bannedAt: null, banReason: null }).where(eq(users.id, user.id));
    await appendLog(tx, { actorId: actor.id, action: "user.unban", targetType: "user", targetId: user.id, reason });
    return { userId: user.id, banned: false, banReason: null };
  });
}

/**
 * Ends every session of a reader (a stolen or shared account): they, or whoever holds their cookie,
 * must sign in again. Logged like every action, with how many sessions it ended; ending none logs nothing.
 */
export async function signOutUser(db: Db, actor: Actor, input: { userId: string; reason?: unknown }): Promise<{ userId: string; endedSessions: number }> {
  assertAdmin(actor);
  const reason = reasonOf({ reason: input.reason });
  return runTransaction(db, async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!user) throw new AppError("not_found", "No such user.");
    const endedSessions = await endUserSessions(tx, user.id);
    if (endedSessions > 0) await appendLog(tx, { actorId: actor.id, action: "user.sign-out", targetType: "user", targetId: user.id, reason });
    return { userId: user.id, endedSessions };
  });
}
