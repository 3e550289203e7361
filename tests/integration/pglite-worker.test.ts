import { spawnSync } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import type { Database } from "@/db/database";
import { PgliteRemote } from "@/db/pglite-remote";
import { users } from "@/db/schema";
import { isDatabaseUnavailable } from "@/lib/errors";

/** The driver's error under Drizzle's wrapper (Drizzle puts it on `cause`). */
const driverError = (error: unknown) => (error as { cause?: Record<string, unknown> }).cause;

describe("PGlite in its worker thread, through Drizzle", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ driver: "pglite", dataDir: null });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("runs PostgreSQL's work on another thread: this one's event loop keeps turning meanwhile", async () => {
    // A timer every 5 ms: its longest gap is the longest this thread was kept from its event loop.
    // (perf_hooks' monitorEventLoopDelay misses a single long stall like PGlite's on this thread.)
    let last = performance.now();
    let worstStallMs = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstStallMs = Math.max(worstStallMs, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await database.db.execute(sql`select sum(i * j) from generate_series(1, 3000) i, generate_series(1, 3000) j`);
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20)); // a tick the query delayed is counted too
    clearInterval(ticker);
    // Run on this thread, the query stalls the loop for all of `elapsed` (measured with 1,500²: 185 of
    // 185 ms). 3,000² rows keep `elapsed` well above any pause a busy machine gives this thread.
    expect(elapsed).toBeGreaterThan(100);
    expect(worstStallMs).toBeLessThan(elapsed / 3);
  });

  it("rolls back a transaction whose callback throws, and rethrows the callback's own error", async () => {
    const email = "rolled-back@example.test";
    const thrown = new Error("changed my mind");
    const outcome = database.db.transaction(async (tx) => {
      await tx.insert(users).values({ name: "Rolled back", email });
      expect(await tx.$count(users, eq(users.email, email))).toBe(1);
      throw thrown;
    });
    await expect(outcome).rejects.toBe(thrown);
    expect(await database.db.$count(users, eq(users.email, email))).toBe(0);
  });

  it("commits a transaction: its rows are visible afterwards", async () => {
    const email = "committed@example.test";
    const id = await database.db.transaction(async (tx) => {
      const [row] = await tx.insert(users).values({ name: "Committed", email }).returning({ id: users.id });
      return row!.id;
    });
    const [row] = await database.db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ name: "Committed", email });
  });

  it("rolls back to a savepoint when a nested transaction throws, keeping the outer one's work", async () => {
    const outer = "outer@example.test";
    const inner = "inner@example.test";
    await database.db.transaction(async (tx) => {
      await tx.insert(users).values({ name: "Outer", email: outer });
      await expect(
        tx.transaction(async (nested) => {
          await nested.insert(users).values({ name: "Inner", email: inner });
          throw new Error("inner only");
        }),
      ).rejects.toThrow("inner only");
    });
    expect(await database.db.$count(users, eq(users.email, outer))).toBe(1);
    expect(await database.db.$count(users, eq(users.email, inner))).toBe(0);
  });

  it("keeps PostgreSQL's SQLSTATE, constraint and detail on a unique violation", async () => {
    const email = "unique@example.test";
    await database.db.insert(users).values({ name: "First", email });
    const error = await database.db
      .insert(users)
      .values({ name: "Second", email })
      .catch((caught: unknown) => caught);
    expect(driverError(error)).toMatchObject({
      code: "23505",
      constraint: "users_email_unique",
      table: "users",
      severity: "ERROR",
      detail: `Key (email)=(${email}) already exists.`,
      message: expect.stringContaining("duplicate key value violates unique constraint"),
    });
  });

  it("makes statements from outside an open transaction wait for it, then run as usual", async () => {
    const email = "waited-for@example.test";
    let settledDuringTransaction = false;
    let outside: Promise<[number, unknown]> | undefined;
    await database.db.transaction(async (tx) => {
      await tx.insert(users).values({ name: "Waited for", email });
      outside = Promise.all([
        database.db.$count(users, eq(users.email, email)),
        database.db.insert(users).values({ name: "Outsider", email: "outsider@example.test" }),
      ]).finally(() => (settledDuringTransaction = true));
      // The transaction goes on (more statements, JavaScript in between) while they wait.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await tx.$count(users, eq(users.email, email))).toBe(1);
      expect(settledDuringTransaction).toBe(false);
    });
    const [count] = await outside!;
    expect(count).toBe(1);
    expect(await database.db.$count(users, eq(users.email, "outsider@example.test"))).toBe(1);
  });
});

describe("the PGlite worker's lifecycle", () => {
  it("fails every call after close() with a clear error", async () => {
    const remote = await PgliteRemote.start("memory://");
    expect((await remote.query<{ n: number }>("select 1 as n")).rows).toEqual([{ n: 1 }]);
    await remote.close();
    await expect(remote.query("select 1")).rejects.toThrow("The embedded database is closed.");
    await expect(remote.transaction(async () => {})).rejects.toThrow("The embedded database is closed.");
    await remote.close(); // a second close is harmless
  });

  it("lets an open transaction finish before closing, as PGlite's own close() does", async () => {
    const remote = await PgliteRemote.start("memory://");
    let closing: Promise<void> | undefined;
    await remote.transaction(async (tx) => {
      await tx.query("create table t (n int)");
      closing = remote.close();
      await tx.query("insert into t values (1)"); // still served: the close waits for the commit
    });
    await closing;
    await expect(remote.query("select 1")).rejects.toThrow("The embedded database is closed.");
  });

  it("rejects what is pending when the worker dies, and fails later calls at once instead of hanging", async () => {
    const remote = await PgliteRemote.start("memory://");
    const pending = remote.query("select sum(i * j) from generate_series(1, 3000) i, generate_series(1, 3000) j");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await remote.worker.terminate();
    await expect(pending).rejects.toThrow(/The embedded database \(PGlite worker\) stopped: its thread exited/);
    // At once: a call that waited for the dead thread would run into the test's timeout instead.
    await expect(remote.query("select 1")).rejects.toThrow(/stopped/);
    expect(isDatabaseUnavailable(await remote.query("select 1").catch((error: unknown) => error))).toBe(true);
    await remote.close();
  });

  it("refuses a parser it cannot send to the worker, rather than silently ignoring it", async () => {
    const remote = await PgliteRemote.start("memory://");
    try {
      await expect(remote.query("select 1", [], { parsers: { 20: (value) => Number(value) } })).rejects.toThrow("only identity parsers");
      expect((await remote.query("select now()::text as t", [], { parsers: { 1184: (value) => value } })).rows).toHaveLength(1);
    } finally {
      await remote.close();
    }
  });

  it("does not keep a script alive once its answers are in, though it never closes the database", () => {
    const script = `
      import { PgliteRemote } from "./db/pglite-remote.ts";
      const remote = await PgliteRemote.start("memory://");
      remote.query("select 42 as n").then((result) => console.log(result.rows[0].n));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("42"); // the pending query kept it alive until its answer
    expect(run.status).toBe(0); // then it exited by itself (spawnSync's timeout would have killed it)
  });
});
