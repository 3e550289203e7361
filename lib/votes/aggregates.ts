import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/database";
import { opinionProfileCounts, proposalDailyDeltas, proposalPairCounts, proposalTallies, type ProposalTally } from "@/db/schema";
import { side } from "@/lib/stats/opinion-profiles";
import type { Stance } from "./stances";
import { STANCES } from "./stances";
import { TALLY_COLUMN } from "./tally";

/** A reader's vote on one proposal before and after a change (null: no vote), with its first stance. */
export interface VoteChange {
  proposalId: string;
  before: { stance: Stance; firstStance: Stance } | null;
  after: { stance: Stance; firstStance: Stance } | null;
  /** The reader's current stances on every open proposal other than this one. */
  otherVotes: Map<string, Stance | null>;
}

/**
 * Keeps every results aggregate equal to what the votes say, inside the vote's transaction: the tally
 * and opinion-shift counters, today's stance deltas, the pairwise cross-tabs and the opinion profiles.
 * Rows shared between readers are always taken in one global order (tally, deltas, pairs sorted,
 * profiles sorted), so concurrent votes queue rather than deadlock.
 */
export async function applyVoteChange(tx: DbOrTx, change: VoteChange): Promise<ProposalTally | undefined> {
  const tally = await moveTally(tx, change);
  await addDailyDeltas(tx, change);
  await movePairCounts(tx, change);
  await moveProfiles(tx, change);
  return tally;
}

const shift = (vote: VoteChange["before"]) => (vote ? Math.sign(vote.stance - vote.firstStance) : 0);

type CounterColumn = (typeof TALLY_COLUMN)[Stance] | "shiftedTowardSupport" | "shiftedTowardOppose";

/** Moves the tally and shift counters; returns the tally as it now is (RETURNING saves a read). */
async function moveTally(tx: DbOrTx, { proposalId, before, after }: VoteChange): Promise<ProposalTally | undefined> {
  const deltas = new Map<CounterColumn, number>();
  const bump = (column: CounterColumn, delta: number) => deltas.set(column, (deltas.get(column) ?? 0) + delta);
  if (before) bump(TALLY_COLUMN[before.stance], -1);
  if (after) bump(TALLY_COLUMN[after.stance], 1);
  bump("shiftedTowardSupport", Number(shift(after) > 0) - Number(shift(before) > 0));
  bump("shiftedTowardOppose", Number(shift(after) < 0) - Number(shift(before) < 0));
  const set = Object.fromEntries(
    [...deltas].filter(([, delta]) => delta !== 0).map(([column, delta]) => [column, sql`${proposalTallies[column]} + ${delta}`]),
  );
  const [tally] = await tx
    .update(proposalTallies)
    .set({ ...set, updatedAt: sql`now()` })
    .where(sql`${proposalTallies.proposalId} = ${proposalId}`)
    .returning();
  return tally;
}

async function addDailyDeltas(tx: DbOrTx, { proposalId, before, after }: VoteChange): Promise<void> {
  const rows = [
    ...(before ? [{ proposalId, day: sql`(now() at time zone 'utc')::date`, stance: before.stance, delta: -1 }] : []),
    ...(after ? [{ proposalId, day: sql`(now() at time zone 'utc')::date`, stance: after.stance, delta: 1 }] : []),
  ].sort((a, b) => a.stance - b.stance);
  if (rows.length === 0) return;
  await tx
    .insert(proposalDailyDeltas)
    .values(rows as never)
    .onConflictDoUpdate({
      target: [proposalDailyDeltas.proposalId, proposalDailyDeltas.day, proposalDailyDeltas.stance],
      set: { delta: sql`${proposalDailyDeltas.delta} + excluded.delta` },
    });
}

/**
 * Every cell of every pair exists from the content sync on (ensurePairCells), so a change is an
 * UPDATE: the touched cells are locked in key order first, then moved in one statement.
 */
async function movePairCounts(tx: DbOrTx, { proposalId, before, after, otherVotes }: VoteChange): Promise<void> {
  const deltas = new Map<string, number>();
  const bump = (other: string, mine: Stance, theirs: Stance, delta: number) => {
    const key = proposalId < other ? [proposalId, other, mine, theirs] : [other, proposalId, theirs, mine];
    deltas.set(key.join("|"), (deltas.get(key.join("|")) ?? 0) + delta);
  };
  for (const [other, theirs] of otherVotes) {
    if (theirs === null) continue;
    if (before) bump(other, before.stance, theirs, -1);
    if (after) bump(other, after.stance, theirs, 1);
  }
  const cells = [...deltas].filter(([, delta]) => delta !== 0).map(([key, delta]) => {
    const [a, b, stanceA, stanceB] = key.split("|");
    return sql`(${a}, ${b}, ${Number(stanceA)}::smallint, ${Number(stanceB)}::smallint, ${delta}::int)`;
  });
  if (cells.length === 0) return;
  const values = sql.join(cells, sql`, `);
  await tx.execute(sql`
    select 1 from proposal_pair_counts c
    where (c.proposal_a, c.proposal_b, c.stance_a, c.stance_b) in (select a, b, sa, sb from (values ${values}) d(a, b, sa, sb, delta))
    order by c.proposal_a, c.proposal_b, c.stance_a, c.stance_b
    for update`);
  await tx.execute(sql`
    update proposal_pair_counts c set count = c.count + d.delta
    from (values ${values}) d(a, b, sa, sb, delta)
    where c.proposal_a = d.a and c.proposal_b = d.b and c.stance_a = d.sa and c.stance_b = d.sb`);
}

/** Creates the 25 cells of every pair of open proposals (idempotent), so votes only ever update them. */
export async function ensurePairCells(tx: DbOrTx, proposalIds: string[]): Promise<void> {
  const ids = [...proposalIds].sort();
  const rows = ids.flatMap((a, i) =>
    ids.slice(i + 1).flatMap((b) => STANCES.flatMap((stanceA) => STANCES.map((stanceB) => ({ proposalA: a, proposalB: b, stanceA, stanceB })))),
  );
  if (rows.length > 0) await tx.insert(proposalPairCounts).values(rows).onConflictDoNothing();
}

/** "government-funding:oppose|open-source:support|treaties:unsure", or null unless every proposal has a vote. */
export function profileOf(votes: Map<string, Stance | null>): string | null {
  const entries = [...votes.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0 || entries.some(([, stance]) => stance === null)) return null;
  return entries.map(([id, stance]) => `${id}:${side(stance!)}`).join("|");
}

async function moveProfiles(tx: DbOrTx, { proposalId, before, after, otherVotes }: VoteChange): Promise<void> {
  const withMine = (vote: VoteChange["before"]) => new Map([...otherVotes, [proposalId, vote?.stance ?? null]]);
  const from = profileOf(withMine(before));
  const to = profileOf(withMine(after));
  if (from === to) return;
  // The row being left exists (it counted this reader); the one being joined may be new. A check
  // constraint keeps counts non-negative, so a decrement must be an UPDATE, never an upsert of -1.
  // Both rows are touched in key order, like every other shared row, so two readers swapping
  // profiles cannot deadlock.
  const leave = async () => {
    if (from) await tx.update(opinionProfileCounts).set({ count: sql`${opinionProfileCounts.count} - 1` }).where(sql`${opinionProfileCounts.profile} = ${from}`);
  };
  const join = async () => {
    if (to) {
      await tx
        .insert(opinionProfileCounts)
        .values({ profile: to, count: 1 })
        .onConflictDoUpdate({ target: opinionProfileCounts.profile, set: { count: sql`${opinionProfileCounts.count} + 1` } });
    }
  };
  for (const step of (from ?? "") < (to ?? "") ? [leave, join] : [join, leave]) await step();
}
