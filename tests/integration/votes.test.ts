import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proposals, rateLimitWindows, users, voteEvents, votes } from "@/db/schema";
import { authConfigFromEnv } from "@/lib/auth/config";
import { findOrCreateDevUser, loadActor, type Actor } from "@/lib/auth/users";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { DEFAULT_LIMITS } from "@/lib/rate-limit";
import { setVote } from "@/lib/votes/cast-vote";
import { listProposals } from "@/lib/votes/queries";
import type { Stance } from "@/lib/votes/stances";
import { voteInvariantViolations } from "@/support/invariants";
import { seededRandom } from "@/support/seeded-random";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();
const PROPOSALS = ["open-source", "government-funding", "treaties"] as const;
const config = authConfigFromEnv(parseEnv({}));

describe.each(drivers)("votes on %s", (driver) => {
  let database: TestDatabase;
  const reader = async (name: string): Promise<Actor> => (await loadActor(database.db, (await findOrCreateDevUser(database.db, name)).id, config))!;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("casts, changes and withdraws a vote, moving the tally each time", async () => {
    const ada = await reader("Ada");
    const first = await setVote(database.db, ada, "treaties", 2);
    expect(first).toEqual({ id: "treaties", myStance: 2, tally: { counts: { "-2": 0, "-1": 0, "0": 0, "1": 0, "2": 1 }, total: 1 } });
    const changed = await setVote(database.db, ada, "treaties", -1);
    expect(changed.tally).toEqual({ counts: { "-2": 0, "-1": 1, "0": 0, "1": 0, "2": 0 }, total: 1 });
    const again = await setVote(database.db, ada, "treaties", -1); // no change: no history row
    expect(again.tally.total).toBe(1);
    const withdrawn = await setVote(database.db, ada, "treaties", null);
    expect(withdrawn).toMatchObject({ myStance: null, tally: { total: 0 } });
    expect((await setVote(database.db, ada, "treaties", null)).myStance).toBeNull(); // withdrawing twice is fine

    const [open, funding, treaties] = await listProposals(database.db, ada.id);
    expect([open?.id, funding?.id, treaties?.id]).toEqual(["open-source", "government-funding", "treaties"]);
    expect(treaties).toMatchObject({ sectionId: "treaties", myStance: null, tally: { total: 0 } });
    expect(await voteInvariantViolations(database.db)).toEqual([]);
  });

  it("shows a reader their own stance and everyone the same tally", async () => {
    const bo = await reader("Bo");
    const cy = await reader("Cy");
    await setVote(database.db, bo, "open-source", 1);
    const forBo = await listProposals(database.db, bo.id);
    const forCy = await listProposals(database.db, cy.id);
    const forAnonymous = await listProposals(database.db, null);
    expect(forBo[0]?.myStance).toBe(1);
    expect(forCy[0]?.myStance).toBeNull();
    expect(forAnonymous[0]?.tally).toEqual(forBo[0]?.tally);
  });

  it("refuses an unknown proposal with not_found", async () => {
    const dee = await reader("Dee");
    const error = await setVote(database.db, dee, "no-such-proposal", 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
  });

  it("refuses a retired proposal with not_found, leaving the reader's vote on it as it was", async () => {
    const eve = await reader("Eve");
    await setVote(database.db, eve, "open-source", 1);
    await database.db.update(proposals).set({ retiredAt: new Date() }).where(eq(proposals.id, "open-source"));
    try {
      const error = await setVote(database.db, eve, "open-source", -2).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("not_found");
    } finally {
      await database.db.update(proposals).set({ retiredAt: null }).where(eq(proposals.id, "open-source"));
    }
    const mine = and(eq(votes.userId, eve.id), eq(votes.proposalId, "open-source"));
    expect((await database.db.select({ stance: votes.stance }).from(votes).where(mine)).map((row) => row.stance)).toEqual([1]);
    expect(
      await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(voteEvents)
        .where(eq(voteEvents.userId, eve.id)),
    ).toEqual([{ n: 1 }]);
    expect(await voteInvariantViolations(database.db)).toEqual([]);
  });

  it("refuses vote changes past the per-minute limit with rate_limited and retryAfter; refused ones count too", async () => {
    const fay = await reader("Fast Fay");
    const limits = { ...DEFAULT_LIMITS, votesPerMinute: 3 };
    // Limits count in fixed UTC minute windows: keep the burst inside one.
    const left = 60 - new Date().getUTCSeconds();
    if (left < 5) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
    for (const stance of [2, 1, 0] as const) await setVote(database.db, fay, "treaties", stance, { limits });
    for (const stance of [-1, null] as const) {
      const error = await setVote(database.db, fay, "treaties", stance, { limits }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "rate_limited", message: expect.stringContaining("at most 3 a minute") });
      expect((error as AppError).retryAfter).toBeGreaterThanOrEqual(1);
      expect((error as AppError).retryAfter).toBeLessThanOrEqual(60);
    }
    const [vote] = await database.db
      .select({ stance: votes.stance })
      .from(votes)
      .where(and(eq(votes.userId, fay.id), eq(votes.proposalId, "treaties")));
    expect(vote?.stance).toBe(0);
    const windows = await database.db
      .select({ count: rateLimitWindows.count })
      .from(rateLimitWindows)
      .where(eq(rateLimitWindows.key, `votes:minute:${fay.id}`));
    expect(windows).toEqual([{ count: 5 }]);
  });

  it("checks the writer in the vote's own statement: an unknown user is unauthenticated, a banned one forbidden, and neither writes", async () => {
    const gil = await reader("Banned Gil");
    await setVote(database.db, gil, "treaties", 1);
    await database.db.update(users).set({ bannedAt: new Date(), banReason: "vote brigading" }).where(eq(users.id, gil.id));
    const refused = await setVote(database.db, { id: gil.id }, "treaties", -2).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ code: "forbidden", message: expect.stringContaining("banned from taking part: vote brigading") });
    const gone = await setVote(database.db, { id: "no-such-user" }, "treaties", 1).catch((caught: unknown) => caught);
    expect(gone).toMatchObject({ code: "unauthenticated" });

    const mine = and(eq(votes.userId, gil.id), eq(votes.proposalId, "treaties"));
    expect((await database.db.select({ stance: votes.stance }).from(votes).where(mine)).map((row) => row.stance)).toEqual([1]);
    // Refused before the rate limit: the one accepted vote is all its window counted.
    const windows = await database.db
      .select({ count: rateLimitWindows.count })
      .from(rateLimitWindows)
      .where(eq(rateLimitWindows.key, `votes:minute:${gil.id}`));
    expect(windows).toEqual([{ count: 1 }]);
    expect(
      await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(votes)
        .where(eq(votes.userId, "no-such-user")),
    ).toEqual([{ n: 0 }]);
    expect(await voteInvariantViolations(database.db)).toEqual([]);
  });

  // PGlite has one connection, so only a server can hold the ban open while the vote waits.
  if (driver !== "pglite")
    it("sees a ban that commits while the vote waits for the reader's lock", async () => {
      const hal = await reader("Hasty Hal");
      let voting: Promise<unknown> | undefined;
      await database.db.transaction(async (tx) => {
        await tx.update(users).set({ bannedAt: new Date(), banReason: "spam" }).where(eq(users.id, hal.id));
        voting = setVote(database.db, { id: hal.id }, "open-source", 2).catch((caught: unknown) => caught);
        // The vote is now queued behind this transaction's row lock on Hal.
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect(await voting).toMatchObject({ code: "forbidden", message: expect.stringContaining("spam") });
      expect(
        await database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(votes)
          .where(eq(votes.userId, hal.id)),
      ).toEqual([{ n: 0 }]);
    });

  it("holds every invariant under 300 concurrent mixed requests from 20 readers, including readers racing themselves", async () => {
    const random = seededRandom(Number(process.env.TEST_SEED ?? 20261126));
    const readers = await Promise.all(Array.from({ length: 20 }, (_, i) => reader(`Racer ${i}`)));
    const requests = Array.from({ length: 300 }, (_, i) => {
      // A third of the requests come from the first two readers: the same reader racing itself.
      const actor = i % 3 === 0 ? readers[i % 2]! : readers[Math.floor(random() * readers.length)]!;
      const proposal = PROPOSALS[Math.floor(random() * PROPOSALS.length)]!;
      const stance = random() < 0.2 ? null : ((Math.floor(random() * 5) - 2) as Stance);
      return () => setVote(database.db, actor, proposal, stance);
    });
    const results = await Promise.allSettled(requests.map((send) => send()));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(await voteInvariantViolations(database.db)).toEqual([]);
  });
});
