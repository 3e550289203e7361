import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { comments, commentUpvotes } from "@/db/schema";
import { runTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { hitRateLimit, limitsFromEnv, MINUTE, type LimitOptions } from "@/lib/rate-limit";
import { forgettingDiscussions } from "./discussion-snapshot";

export interface UpvoteState {
  score: number;
  myUpvote: boolean;
}

/**
 * Upvotes (on) or withdraws the upvote (off); either is idempotent. The score moves only when a row
 * really went in or out (INSERT … ON CONFLICT DO NOTHING / DELETE … RETURNING), so concurrent
 * toggles can never leave comments.score different from the number of comment_upvotes rows.
 */
export async function setUpvote(
  db: Db,
  actor: Actor,
  input: { commentId: number; upvote: boolean },
  { limits = limitsFromEnv() }: LimitOptions = {},
): Promise<UpvoteState> {
  await hitRateLimit(db, `upvotes:minute:${actor.id}`, limits.upvotesPerMinute, MINUTE, "upvotes");
  return forgettingDiscussions(
    runTransaction(db, async (tx) => {
      const [comment] = await tx
        .select({ authorId: comments.authorId, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
        .from(comments)
        .where(eq(comments.id, input.commentId));
      if (!comment || comment.deletedAt || comment.hiddenAt) throw new AppError("not_found", "No such comment.");
      if (comment.authorId === actor.id) throw new AppError("forbidden", "You cannot upvote your own comment.");

      const changed = input.upvote
        ? await tx
            .insert(commentUpvotes)
            .values({ commentId: input.commentId, userId: actor.id })
            .onConflictDoNothing()
            .returning({ id: commentUpvotes.commentId })
        : await tx
            .delete(commentUpvotes)
            .where(and(eq(commentUpvotes.commentId, input.commentId), eq(commentUpvotes.userId, actor.id)))
            .returning({ id: commentUpvotes.commentId });
      if (changed.length === 0) {
        // Nothing changed; read the score again: another reader may have moved it since the first read.
        const [current] = await tx.select({ score: comments.score }).from(comments).where(eq(comments.id, input.commentId));
        return { score: current!.score, myUpvote: input.upvote };
      }
      const [updated] = await tx
        .update(comments)
        .set({ score: sql`${comments.score} ${input.upvote ? sql`+` : sql`-`} 1` })
        .where(eq(comments.id, input.commentId))
        .returning({ score: comments.score });
      return { score: updated!.score, myUpvote: input.upvote };
    }),
  );
}
