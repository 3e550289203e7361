import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadResults } from "@/lib/results/load-results";
import { voteInvariantViolations } from "@/support/invariants";
import { openTestDatabase, type TestDatabase } from "../support/drivers";
import { bruteForceResults, expectResultsMatchBruteForce } from "../support/results-brute-force";

// 64 readers vote at once on one proposal straight through agora_set_vote (one pg connection each, no
// app in between), then change and withdraw: the sharded aggregates must still equal a recount.
const VOTERS = 64;

describe("64 concurrent voters on one proposal, through the PostgreSQL server directly", () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    if (database.config.driver !== "postgres") throw new Error("expected the postgres driver");
    pool = new pg.Pool({ connectionString: database.config.url, max: VOTERS });
    await pool.query(`insert into users (id, name) select 'voter-' || i, 'Voter ' || i from generate_series(1, ${VOTERS}) i`);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.dispose();
  });

  const vote = (i: number, proposal: string, stance: number | null) =>
    pool.query<{ outcome: string }>("select outcome from agora_set_vote($1, null, $2, $3, 1000)", [`voter-${i}`, proposal, stance]);
  const everyone = (stance: (i: number) => number | null, proposal = "treaties") =>
    Promise.all(Array.from({ length: VOTERS }, (_, i) => vote(i + 1, proposal, stance(i + 1))));

  it("keeps tallies, daily deltas, cross-tabs and profiles equal to a recount", async () => {
    // Other proposals first, so the treaties votes move cross-tab cells and profiles too.
    await everyone((i) => (i % 5) - 2, "open-source");
    await everyone((i) => ((i * 3) % 5) - 2, "government-funding");
    const rounds = [(i: number) => ((i * 7) % 5) - 2, (i: number) => ((i * 11) % 5) - 2, (i: number) => (i % 4 === 0 ? null : (i % 3) - 1)];
    for (const stance of rounds) {
      const outcomes = await everyone(stance);
      expect(outcomes.map((result) => result.rows[0]?.outcome)).toEqual(Array(VOTERS).fill("ok"));
    }
    expect(await voteInvariantViolations(database.db)).toEqual([]);
    const results = await loadResults(database.db);
    expect(results.proposals.find((p) => p.id === "treaties")?.tally.total).toBe(VOTERS - VOTERS / 4);
    expectResultsMatchBruteForce(results, await bruteForceResults(database.db));
    // The writes really spread over shards (not all on one row).
    const shards = await pool.query<{ n: number }>("select count(distinct shard)::int as n from proposal_tallies where proposal_id = 'treaties'");
    expect(shards.rows[0]!.n).toBeGreaterThan(8);
  });
});
