import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { comments, reports, sections } from "@/db/schema";
import { runTransaction } from "@/db/transaction";
import { authConfigFromEnv } from "@/lib/auth/config";
import type { Actor } from "@/lib/auth/users";
import { forgettingDiscussions } from "@/lib/comments/discussion-snapshot";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { reportsNotificationSql } from "@/lib/notifications/notify-sql";
import { hitRateLimit, HOUR, limitsFromEnv, type LimitOptions } from "@/lib/rate-limit";
import { appendLog } from "./log";
import { reportInputSchema } from "./schemas";

export interface ReportResult {
  commentId: number;
  /** False when this reader had already reported the comment (reporting again changes nothing). */
  created: boolean;
  /** True when the comment is now hidden pending review. */
  hidden: boolean;
}

/**
 * A reader reports a comment. One report per reader and comment (the primary key): reporting again
 * is idempotent (200, `created: false`). When the comment reaches AUTO_HIDE_REPORTS open reports it is
 * hidden pending review (hidden_reason 'reports'), leaves the section's visible count, and the admins
 * are notified.
 */
export async function reportComment(
  db: Db,
  actor: Actor,
  input: { commentId: number; reason: unknown; note?: unknown },
  { limits = limitsFromEnv(), adminEmails = authConfigFromEnv(getEnv()).adminEmails }: LimitOptions & { adminEmails?: ReadonlySet<string> } = {},
): Promise<ReportResult> {
  const parsed = reportInputSchema.safeParse({ reason: input.reason, note: input.note });
  if (!parsed.success) throw AppError.fromZod(parsed.error, "report");
  const { reason, note } = parsed.data;
  await hitRateLimit(db, `reports:hour:${actor.id}`, limits.reportsPerHour, HOUR, "reports");

  return forgettingDiscussions(
    runTransaction(db, async (tx) => {
      // Lock order as in lib/comments/write.ts: the comment row first, the section's counter last.
      const [comment] = await tx.select().from(comments).where(eq(comments.id, input.commentId)).for("no key update");
      if (!comment || comment.deletedAt) throw new AppError("not_found", "No such comment.");
      if (comment.authorId === actor.id) throw new AppError("forbidden", "You cannot report your own comment.");
      const inserted = await tx
        .insert(reports)
        .values({ commentId: comment.id, reporterId: actor.id, reason, note: note ?? null })
        .onConflictDoNothing()
        .returning({ commentId: reports.commentId });
      if (inserted.length === 0) return { commentId: comment.id, created: false, hidden: comment.hiddenAt !== null };

      const [updated] = await tx
        .update(comments)
        .set({ reportCount: sql`${comments.reportCount} + 1` })
        .where(eq(comments.id, comment.id))
        .returning({ reportCount: comments.reportCount });
      const reachesThreshold = updated!.reportCount >= limits.autoHideReports;
      if (comment.hiddenAt === null && reachesThreshold) {
        await tx
          .update(comments)
          .set({ hiddenAt: sql`now()`, hiddenReason: "reports" })
          .where(eq(comments.id, comment.id));
        await tx
          .update(sections)
          .set({ commentCount: sql`${sections.commentCount} - 1` })
          .where(eq(sections.id, comment.sectionId));
        await tx.execute(reportsNotificationSql(comment.id, [...adminEmails]));
        // The log needs an actor: the reader whose report tipped it over, under a distinct action.
        await appendLog(tx, {
          actorId: actor.id,
          action: "comment.report-hide",
          targetType: "comment",
          targetId: comment.id,
          reason: `${updated!.reportCount} open reports`,
        });
        return { commentId: comment.id, created: true, hidden: true };
      }
      return { commentId: comment.id, created: true, hidden: comment.hiddenAt !== null };
    }),
  );
}

/** Marks the comment's open reports resolved (a moderator acted on them) and zeroes its open count. */
export async function resolveReports(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], commentId: number): Promise<void> {
  await tx
    .update(reports)
    .set({ resolvedAt: sql`now()` })
    .where(and(eq(reports.commentId, commentId), isNull(reports.resolvedAt)));
  await tx.update(comments).set({ reportCount: 0 }).where(eq(comments.id, commentId));
}
