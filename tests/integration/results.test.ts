import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authConfigFromEnv } from "@/lib/auth/config";
import { findOrCreateDevUser, loadActor, type Actor } from "@/lib/auth/users";
import { parseEnv } from "@/lib/env";
import { loadResults } from "@/lib/results/load-results";
import { setVote } from "@/lib/votes/cast-vote";
import type { Stance } from "@/lib/votes/stances";
import { voteInvariantViolations } from "@/support/invariants";
import { seededRandom } from "@/support/seeded-random";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";
import { bruteForceResults, expectResultsMatchBruteForce } from "../support/results-brute-force";

const drivers = await availableDrivers();
const PROPOSALS = ["open-source", "government-funding", "treaties"];
const SEED = Number(process.env.TEST_SEED ?? 7);

describe.each(drivers)("results on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("are empty but well-formed before any vote", async () => {
    const results = await loadResults(database.db);
    expect(results.proposals.map((p) => [p.id, p.n, p.sentence])).toEqual(PROPOSALS.map((id) => [id, 0, null]));
    expect(results.agreement.map((pair) => [pair.a, pair.b, pair.n])).toEqual([
      ["government-funding", "open-source", 0],
      ["government-funding", "treaties", 0],
      ["open-source", "treaties", 0],
    ]);
    expect(results.profiles).toEqual({ readers: 0, profiles: [] });
    expect(results.activity.sections).toHaveLength(10);
  });

  it(`equal a brute-force recomputation after a few hundred random votes and changes (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const config = authConfigFromEnv(parseEnv({}));
    const readers: Actor[] = [];
    for (let i = 0; i < 40; i++) readers.push((await loadActor(database.db, (await findOrCreateDevUser(database.db, `Result Reader ${i}`)).id, config))!);
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 30 }, () => {
          const reader = readers[Math.floor(random() * readers.length)]!;
          const proposal = PROPOSALS[Math.floor(random() * PROPOSALS.length)]!;
          const stance = random() < 0.15 ? null : ((Math.floor(random() * 5) - 2) as Stance);
          return setVote(database.db, reader, proposal, stance);
        }),
      );
    }
    expect(await voteInvariantViolations(database.db)).toEqual([]);
    expectResultsMatchBruteForce(await loadResults(database.db), await bruteForceResults(database.db));
  });
});
