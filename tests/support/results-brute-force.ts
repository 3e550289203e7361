import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import type { Results } from "@/lib/results/load-results";
import { side } from "@/lib/stats/opinion-profiles";

/**
 * The results recomputed from scratch — from the votes table and the raw vote history — with none of
 * the maintained aggregates, to check that the aggregates never drift.
 */
export async function bruteForceResults(db: Db) {
  const votes = await queryRows<{ user_id: string; proposal_id: string; stance: number }>(db, sql`select user_id, proposal_id, stance from votes`);
  const events = await queryRows<{ user_id: string; proposal_id: string; old_stance: number | null; new_stance: number | null; day: string }>(
    db,
    sql`select user_id, proposal_id, old_stance, new_stance, to_char(at at time zone 'utc', 'YYYY-MM-DD') as day from vote_events order by id`,
  );
  const proposalIds = (await queryRows<{ id: string }>(db, sql`select id from proposals where retired_at is null order by id`)).map((row) => row.id);

  const counts: Record<string, Record<string, number>> = {};
  for (const id of proposalIds) counts[id] = { "-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0 };
  const byUser = new Map<string, Map<string, number>>();
  for (const vote of votes) {
    counts[vote.proposal_id]![String(vote.stance)]! += 1;
    byUser.set(vote.user_id, (byUser.get(vote.user_id) ?? new Map()).set(vote.proposal_id, Number(vote.stance)));
  }

  // First stance of the current run (since the last withdrawal), from the history alone.
  const runStart = new Map<string, number>();
  for (const event of events)
    if (event.old_stance === null && event.new_stance !== null) runStart.set(`${event.user_id}|${event.proposal_id}`, Number(event.new_stance));
  const changes: Record<string, { towardSupport: number; towardOppose: number }> = {};
  for (const id of proposalIds) changes[id] = { towardSupport: 0, towardOppose: 0 };
  for (const vote of votes) {
    const first = runStart.get(`${vote.user_id}|${vote.proposal_id}`)!;
    if (vote.stance > first) changes[vote.proposal_id]!.towardSupport++;
    if (vote.stance < first) changes[vote.proposal_id]!.towardOppose++;
  }

  // End-of-day support share, replaying the history day by day; days without a net change are left out.
  const trend: Record<string, { day: string; n: number; supporters: number }[]> = {};
  for (const id of proposalIds) {
    const state = new Map<string, number>();
    const points: { day: string; n: number; supporters: number; key: string }[] = [];
    const days = [...new Set(events.filter((e) => e.proposal_id === id).map((e) => e.day))].sort();
    for (const day of days) {
      for (const event of events.filter((e) => e.proposal_id === id && e.day === day)) {
        if (event.new_stance === null) state.delete(event.user_id);
        else state.set(event.user_id, Number(event.new_stance));
      }
      const tally = [-2, -1, 0, 1, 2].map((stance) => [...state.values()].filter((s) => s === stance).length);
      const key = tally.join(",");
      if (points.at(-1)?.key !== key) points.push({ day, n: state.size, supporters: tally[3]! + tally[4]!, key });
    }
    trend[id] = points.map(({ day, n, supporters }) => ({ day, n, supporters }));
  }

  const crossTabs: Record<string, number[][]> = {};
  for (const [i, a] of proposalIds.entries()) {
    for (const b of proposalIds.slice(i + 1)) {
      const table = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
      for (const stances of byUser.values()) {
        if (stances.has(a) && stances.has(b)) table[stances.get(a)! + 2]![stances.get(b)! + 2]! += 1;
      }
      crossTabs[`${a}|${b}`] = table;
    }
  }

  const profiles = new Map<string, number>();
  for (const stances of byUser.values()) {
    if (!proposalIds.every((id) => stances.has(id))) continue;
    const key = JSON.stringify(Object.fromEntries(proposalIds.map((id) => [id, side(stances.get(id)!)])));
    profiles.set(key, (profiles.get(key) ?? 0) + 1);
  }

  return { counts, changes, trend, crossTabs, profiles };
}

/** Asserts that what loadResults serves equals a recomputation from the votes and the history. */
export function expectResultsMatchBruteForce(results: Results, truth: Awaited<ReturnType<typeof bruteForceResults>>) {
  for (const proposal of results.proposals) {
    expect(proposal.tally.counts, `counts of ${proposal.id}`).toEqual(truth.counts[proposal.id]);
    expect(proposal.n).toBe(Object.values(truth.counts[proposal.id]!).reduce((a, b) => a + b, 0));
    expect({ towardSupport: proposal.changes.towardSupport, towardOppose: proposal.changes.towardOppose }, `changes of ${proposal.id}`).toEqual(
      truth.changes[proposal.id],
    );
    expect(
      proposal.trend.map((point) => ({ day: point.day, n: point.n, supporters: point.support === null ? 0 : Math.round(point.support * point.n) })),
      `trend of ${proposal.id}`,
    ).toEqual(truth.trend[proposal.id]);
  }
  expect(Object.fromEntries(results.agreement.map((pair) => [`${pair.a}|${pair.b}`, pair.crossTab]))).toEqual(truth.crossTabs);
  const served = new Map(results.profiles.profiles.map((profile) => [JSON.stringify(Object.fromEntries(Object.entries(profile.sides).sort())), profile.count]));
  const expected = new Map([...truth.profiles].map(([key, count]) => [JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(key)).sort())), count]));
  expect(served).toEqual(expected);
}
