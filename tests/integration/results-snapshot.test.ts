import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/database";
import { authConfigFromEnv } from "@/lib/auth/config";
import { findOrCreateDevUser, loadActor } from "@/lib/auth/users";
import { parseEnv } from "@/lib/env";
import { getResultsSnapshot, getVotesCsvSnapshot, RESULTS_MAX_AGE_MS } from "@/lib/results/results-snapshot";
import { pseudonym } from "@/lib/results/votes-export";
import { setVote } from "@/lib/votes/cast-vote";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

async function voteAs(db: Db, name: string, stance: -2 | -1 | 0 | 1 | 2) {
  const user = await findOrCreateDevUser(db, name);
  const actor = (await loadActor(db, user.id, authConfigFromEnv(parseEnv({}))))!;
  await setVote(db, actor, "open-source", stance);
}

describe.each(drivers)("the shared results snapshot on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("is shared by concurrent and recent callers, and refreshed once it is older than its maximum age", async () => {
    const start = Date.now() + 10 * RESULTS_MAX_AGE_MS; // clear of anything an earlier test cached
    const [first, second] = await Promise.all([getResultsSnapshot(database.db, start), getResultsSnapshot(database.db, start)]);
    expect(second).toBe(first); // one load in flight, not two

    // A vote recorded by another instance: straight through the database function, not this process's setVote.
    const sam = await findOrCreateDevUser(database.db, "Snapshot Sam");
    await database.db.execute(sql`select * from agora_set_vote(${sam.id}, null, 'open-source', 2::smallint, 1000)`);
    const recent = await getResultsSnapshot(database.db, start + RESULTS_MAX_AGE_MS - 1);
    expect(recent).toBe(first); // within the maximum age: the same snapshot, the vote not yet in it

    const fresh = await getResultsSnapshot(database.db, start + RESULTS_MAX_AGE_MS);
    expect(fresh).not.toBe(first);
    const votersBefore = first.results.proposals.find((p) => p.id === "open-source")!.n;
    expect(fresh.results.proposals.find((p) => p.id === "open-source")!.n).toBe(votersBefore + 1);
    expect(JSON.parse(fresh.json)).toEqual(fresh.results);
  });

  it("is dropped when this instance records a vote, so the voter sees it counted at once", async () => {
    const now = Date.now() + 50 * RESULTS_MAX_AGE_MS;
    const before = await getResultsSnapshot(database.db, now);
    await voteAs(database.db, "Snapshot Sue", -1);
    const after = await getResultsSnapshot(database.db, now + 1);
    expect(after).not.toBe(before);
    expect(after.results.proposals.find((p) => p.id === "open-source")!.n).toBe(before.results.proposals.find((p) => p.id === "open-source")!.n + 1);
  });

  it("builds votes.csv once per snapshot: shared within its age, rebuilt after it, dropped by a vote here", async () => {
    const now = Date.now() + 200 * RESULTS_MAX_AGE_MS;
    const csv = async (at: number) => Buffer.concat((await getVotesCsvSnapshot(database.db, "secret", at)).chunks).toString();
    const [first, second] = await Promise.all([getVotesCsvSnapshot(database.db, "secret", now), getVotesCsvSnapshot(database.db, "secret", now)]);
    expect(second).toBe(first); // one build in flight, not two

    const sam = await findOrCreateDevUser(database.db, "Csv Sam");
    await database.db.execute(sql`select * from agora_set_vote(${sam.id}, null, 'treaties', 1::smallint, 1000)`);
    expect(await getVotesCsvSnapshot(database.db, "secret", now + RESULTS_MAX_AGE_MS - 1)).toBe(first);
    const rows = (text: string) => text.trimEnd().split("\n").slice(1);
    const before = rows(await csv(now));
    const after = rows(await csv(now + RESULTS_MAX_AGE_MS));
    expect(after).toHaveLength(before.length + 1);
    expect(after).toContain(`${pseudonym(sam.id, "secret")},treaties,1,${new Date().toISOString().slice(0, 10)}`);

    const rebuilt = await getVotesCsvSnapshot(database.db, "secret", now + RESULTS_MAX_AGE_MS + 1);
    await voteAs(database.db, "Csv Sue", 2);
    const afterVote = await getVotesCsvSnapshot(database.db, "secret", now + RESULTS_MAX_AGE_MS + 2);
    expect(afterVote).not.toBe(rebuilt);
    expect(rows(Buffer.concat(afterVote.chunks).toString())).toHaveLength(before.length + 2);
  });

  it("is not kept when loading fails, so the next request tries again", async () => {
    const now = Date.now() + 100 * RESULTS_MAX_AGE_MS;
    // A real failure: a table the results read is briefly missing.
    await database.db.execute(sql`alter table proposal_tallies rename to proposal_tallies_away`);
    try {
      await expect(getResultsSnapshot(database.db, now)).rejects.toThrow();
    } finally {
      await database.db.execute(sql`alter table proposal_tallies_away rename to proposal_tallies`);
    }
    await new Promise((resolve) => setTimeout(resolve, 0)); // the failed load is forgotten on rejection
    const recovered = await getResultsSnapshot(database.db, now + 1);
    expect(recovered.results.proposals).toHaveLength(3);
  });
});
