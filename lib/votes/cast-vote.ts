import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { runTransaction } from "@/db/transaction";
import { proposalTallies, users, voteEvents, votes, type ProposalTally } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { hitRateLimit, limitsFromEnv, MINUTE, type LimitOptions } from "@/lib/rate-limit";
import { applyVoteChange, type VoteChange } from "./aggregates";
import type { Stance } from "./stances";
import { toTally, type Tally } from "./tally";

export interface VoteResult {
  id: string;
  myStance: Stance | null;
  tally: Tally;
}

/**
 * Casts, changes (stance) or withdraws (null) the actor's vote on a proposal, in one transaction that
 * also appends to the vote history and updates every results aggregate, so tallies always equal a
 * recount and the history always replays to the current votes. Re-sending the current stance changes
 * nothing. A reader's vote transactions run one at a time (a lock on their user row): a reader racing
 * themself, or voting on two proposals at once, cannot interleave and skew the cross-tabs.
 */
export async function setVote(db: Db, actor: Actor, proposalId: string, stance: Stance | null, { limits = limitsFromEnv() }: LimitOptions = {}): Promise<VoteResult> {
  await hitRateLimit(db, `votes:minute:${actor.id}`, limits.votesPerMinute, MINUTE, "vote changes");
  return runTransaction(db, async (tx) => {
    const current = await lockReaderVotes(tx, actor.id);
    if (!current.has(proposalId)) throw new AppError("not_found", `No proposal "${proposalId}".`);
    const before = current.get(proposalId) ?? null;
    let tally: ProposalTally | undefined;
    if ((before?.stance ?? null) !== stance) {
      const after = stance === null ? null : { stance, firstStance: before?.firstStance ?? stance };
      await writeVote(tx, actor.id, proposalId, before, after);
      await tx.insert(voteEvents).values({ userId: actor.id, proposalId, oldStance: before?.stance ?? null, newStance: stance });
      current.delete(proposalId);
      const otherVotes = new Map([...current].map(([id, vote]) => [id, vote?.stance ?? null]));
      tally = await applyVoteChange(tx, { proposalId, before, after, otherVotes } satisfies VoteChange);
    } else {
      [tally] = await tx.select().from(proposalTallies).where(eq(proposalTallies.proposalId, proposalId));
    }
    return { id: proposalId, myStance: stance, tally: toTally(tally) };
  });
}

type CurrentVote = NonNullable<VoteChange["before"]>;

/**
 * Locks the reader's user row — so their vote transactions run one at a time and nothing else can
 * change their votes meanwhile — then reads their vote on every open proposal. Two statements on
 * purpose: a statement that waited for the lock would still see the votes as they were before it
 * waited (READ COMMITTED re-checks only the locked row), so the read must start after the lock.
 */
async function lockReaderVotes(tx: DbOrTx, userId: string): Promise<Map<string, CurrentVote | null>> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("no key update");
  const rows = await queryRows<{ id: string; stance: number | null; first_stance: number | null }>(
    tx,
    sql`select p.id, v.stance, v.first_stance
        from proposals p left join votes v on v.proposal_id = p.id and v.user_id = ${userId}
        where p.retired_at is null`,
  );
  return new Map(
    rows.map((row) => [row.id, row.stance === null ? null : { stance: Number(row.stance) as Stance, firstStance: Number(row.first_stance) as Stance }]),
  );
}

async function writeVote(tx: DbOrTx, userId: string, proposalId: string, before: VoteChange["before"], after: VoteChange["after"]): Promise<void> {
  const mine = and(eq(votes.userId, userId), eq(votes.proposalId, proposalId));
  if (after === null) await tx.delete(votes).where(mine);
  else if (before === null) await tx.insert(votes).values({ userId, proposalId, stance: after.stance, firstStance: after.firstStance });
  else await tx.update(votes).set({ stance: after.stance, updatedAt: sql`now()` }).where(mine);
}

