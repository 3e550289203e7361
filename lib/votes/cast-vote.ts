import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/database";
import { retryOnConflict } from "@/db/retry";
import { proposals, proposalTallies, voteEvents, votes } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import type { Stance } from "./stances";
import { TALLY_COLUMN, toTally, type Tally } from "./tally";

export interface VoteResult {
  id: string;
  myStance: Stance | null;
  tally: Tally;
}

/**
 * Casts, changes (stance) or withdraws (null) the actor's vote on a proposal, in one transaction that
 * also appends to the vote history and moves the tally, so the tally always equals a recount and the
 * history always replays to the current votes. Re-sending the current stance changes nothing.
 */
export async function setVote(db: Db, actor: Actor, proposalId: string, stance: Stance | null): Promise<VoteResult> {
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      await assertOpenProposal(tx, proposalId);
      const previous = await lockCurrentVote(tx, actor.id, proposalId, stance);
      if (previous !== stance) {
        if (stance === null) {
          await tx.delete(votes).where(and(eq(votes.userId, actor.id), eq(votes.proposalId, proposalId)));
        } else if (previous === null) {
          await tx.insert(votes).values({ userId: actor.id, proposalId, stance });
        } else {
          await tx.update(votes).set({ stance, updatedAt: sql`now()` }).where(and(eq(votes.userId, actor.id), eq(votes.proposalId, proposalId)));
        }
        await tx.insert(voteEvents).values({ userId: actor.id, proposalId, oldStance: previous, newStance: stance });
        await moveTally(tx, proposalId, previous, stance);
      }
      const [tally] = await tx.select().from(proposalTallies).where(eq(proposalTallies.proposalId, proposalId));
      return { id: proposalId, myStance: stance, tally: toTally(tally) };
    }),
  );
}

async function assertOpenProposal(tx: DbOrTx, proposalId: string): Promise<void> {
  const [proposal] = await tx
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.id, proposalId), isNull(proposals.retiredAt)));
  if (!proposal) throw new AppError("not_found", `No proposal "${proposalId}".`);
}

/**
 * The actor's current stance, with their vote row locked for the rest of the transaction. Without a
 * row there is nothing to lock, so the tally row (one per proposal, always present) is locked first
 * for first votes: two first votes by the same reader then queue instead of both inserting.
 */
async function lockCurrentVote(tx: DbOrTx, userId: string, proposalId: string, stance: Stance | null): Promise<Stance | null> {
  const current = async () => {
    const [row] = await tx
      .select({ stance: votes.stance })
      .from(votes)
      .where(and(eq(votes.userId, userId), eq(votes.proposalId, proposalId)))
      .for("update");
    return row ? (row.stance as Stance) : null;
  };
  const found = await current();
  if (found !== null || stance === null) return found;
  // Same lock order for every vote on a proposal (tally, then vote row): no deadlock cycle.
  await tx.select({ id: proposalTallies.proposalId }).from(proposalTallies).where(eq(proposalTallies.proposalId, proposalId)).for("update");
  return current();
}

async function moveTally(tx: DbOrTx, proposalId: string, from: Stance | null, to: Stance | null): Promise<void> {
  const change: Record<string, unknown> = { updatedAt: sql`now()` };
  if (from !== null) change[TALLY_COLUMN[from]] = sql`${proposalTallies[TALLY_COLUMN[from]]} - 1`;
  if (to !== null) change[TALLY_COLUMN[to]] = sql`${proposalTallies[TALLY_COLUMN[to]]} + 1`;
  await tx.update(proposalTallies).set(change).where(eq(proposalTallies.proposalId, proposalId));
}
