import { desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/database";
import { moderationLog, users } from "@/db/schema";

export type ModerationAction =
  | "comment.report-hide"
  | "comment.hide"
  | "comment.restore"
  | "comment.dismiss"
  | "comment.delete"
  | "section.lock"
  | "section.unlock"
  | "user.ban"
  | "user.unban"
  | "user.sign-out";

export interface LogEntry {
  id: number;
  actorId: string;
  actorName: string | null;
  action: string;
  targetType: "comment" | "section" | "user";
  targetId: string;
  reason: string | null;
  at: Date;
}

/** Appends one entry (the table refuses UPDATE and DELETE: the log is the record, never rewritten). */
export async function appendLog(
  tx: DbOrTx,
  entry: { actorId: string; action: ModerationAction; targetType: LogEntry["targetType"]; targetId: string | number; reason?: string | null },
): Promise<void> {
  await tx.insert(moderationLog).values({ ...entry, targetId: String(entry.targetId), reason: entry.reason ?? null });
}

export const LOG_PAGE_SIZE = 100;

/** Newest first; `before` (an entry id) pages back. */
export async function listModerationLog(db: DbOrTx, { before, limit = LOG_PAGE_SIZE }: { before?: number; limit?: number } = {}): Promise<LogEntry[]> {
  return db
    .select({
      id: moderationLog.id,
      actorId: moderationLog.actorId,
      actorName: users.name,
      action: moderationLog.action,
      targetType: moderationLog.targetType,
      targetId: moderationLog.targetId,
      reason: moderationLog.reason,
      at: moderationLog.at,
    })
    .from(moderationLog)
    .innerJoin(users, eq(users.id, moderationLog.actorId))
    .where(before ? lt(moderationLog.id, before) : undefined)
    .orderBy(desc(moderationLog.id))
    .limit(limit);
}
