import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import type { Database } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { createComment } from "@/lib/comments/write";
import { sendNotificationEmails, type SenderOptions } from "@/lib/notifications/sender";
import { setEmailMode } from "@/lib/notifications/settings";
import { limitsFromEnv } from "@/lib/rate-limit";
import { HIGH_RATE_LIMITS } from "@/support/app-server";
import { createTestDatabase, postgresServerAnswers } from "@/support/postgres-server";
import { seededRandom } from "@/support/seeded-random";
import { createActor } from "../support/discussion";
import { startSmtpSink, type Mail, type SmtpSinkHooks } from "../support/smtp-sink";

/**
 * The notification sender under SIGKILL: the real worker (`npm run worker`) as a child process against
 * a PostgreSQL database and a real SMTP server in this process, killed again and again at the moments
 * that matter — as it connects to send (its claim taken, nothing sent), after the SMTP server has the
 * whole message and before it answers (sent, not recorded), just after the answer (recording), and at a
 * random moment before it reaches the SMTP server (starting, claiming). Then two senders drain one
 * outbox at once. Mail is counted at the SMTP server, by Message-ID and by notification.
 */
const SITE = "https://agora.example";
const SECRET = "notification-crash-secret-0123456789";
const LEASE_SECONDS = 2;
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 8);
const SEED = Number(process.env.TEST_SEED ?? 1818);
// The test's one writer posts far more than a reader may: the suites' high limits, not the defaults.
const limits = limitsFromEnv(HIGH_RATE_LIMITS);

if (!(await postgresServerAnswers())) {
  if (process.env.CI) throw new Error("CI needs the PostgreSQL server for the sender crash test.");
  console.warn("No PostgreSQL server: the sender crash test needs one (the worker is another process).");
}

describe.runIf(await postgresServerAnswers())("the notification sender, killed and doubled", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  // The worker script (`npm run worker`), bundled once by esbuild (what tsx does file by file on every
  // start): each round starts a new process, and the per-start transform would double the test's time.
  // Beside node_modules, so its packages resolve as the script's do.
  const bundleDir = path.resolve("node_modules/.cache/agora-worker-crash-test");
  const workerBundle = path.join(bundleDir, `worker-${process.pid}.mjs`);
  afterAll(async () => {
    rmSync(workerBundle, { force: true });
    await database?.close();
    await fresh?.drop();
  });
  beforeAll(async () => {
    fresh = await createTestDatabase();
    database = await openDatabase({ driver: "postgres", url: fresh.url.toString() });
    mkdirSync(bundleDir, { recursive: true });
    execFileSync("node_modules/.bin/esbuild", [
      "scripts/notification-worker.ts",
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--packages=external",
      `--outfile=${workerBundle}`,
      "--log-level=warning",
    ]);
  }, 60_000);

  /** Readers with an address and email on, each owed `replies[i]` notifications: replies by one other reader to their comment. */
  async function owe(prefix: string, replies: number[]): Promise<Map<number, string>> {
    const replier = await createActor(database.db, `${prefix} Replier`);
    const owed = new Map<number, string>(); // reply comment id → recipient's address
    for (const [i, count] of replies.entries()) {
      const reader: Actor = await createActor(database.db, `${prefix} Reader ${i}`);
      const address = `${prefix.toLowerCase()}-${i}@example.org`;
      await database.db.update(users).set({ email: address }).where(eq(users.id, reader.id));
      await setEmailMode(database.db, reader.id, "immediate");
      const parent = await createComment(database.db, reader, { sectionId: "open-source", body: `${prefix} comment ${i}` }, { limits });
      for (let r = 0; r < count; r++) {
        const reply = await createComment(
          database.db,
          replier,
          { sectionId: "open-source", body: `${prefix} reply ${i}.${r}`, parentId: parent.id },
          { limits },
        );
        owed.set(reply.id, address);
      }
    }
    return owed;
  }

  /** How many emails each notification (by its reply's id) arrived in, checking each went to its reader. */
  function deliveries(mails: Mail[], owed: Map<number, string>): Map<number, number> {
    const counts = new Map([...owed.keys()].map((id) => [id, 0]));
    for (const mail of mails) {
      for (const match of mail.text.matchAll(/Read and reply: \S+\/c\/(\d+)/g)) {
        const id = Number(match[1]);
        expect(owed.get(id), `comment ${id} mailed to ${mail.recipients.join()}`).toBe(mail.recipients[0]);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** Each Message-ID names one email: every copy of it carries the same notifications. */
  function copiesByMessageId(mails: Mail[]): Map<string, number> {
    const contents = new Map<string, string>();
    const copies = new Map<string, number>();
    for (const mail of mails) {
      const content = [...mail.text.matchAll(/\/c\/(\d+)/g)].map((m) => m[1]).join();
      expect(contents.get(mail.messageId) ?? content, `two different emails share ${mail.messageId}`).toBe(content);
      contents.set(mail.messageId, content);
      copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
    }
    return copies;
  }

  const pending = async () =>
    Number((await queryRows<{ n: number | string }>(database.db, sql`select count(*) as n from notifications where email_state = 'pending'`))[0]!.n);

  it(
    "loses no notification and sends none more than twice when the worker is SIGKILLed mid-batch again and again",
    async () => {
      // 24 readers owed 1-3 notifications, two owed 60 (two emails each: at most 50 a message).
      const owed = await owe(
        "Crash",
        Array.from({ length: 26 }, (_, i) => (i < 2 ? 60 : 1 + (i % 3))),
      );
      const random = seededRandom(SEED);
      let worker: ChildProcess | null = null;
      let exited: Promise<void> = Promise.resolve();
      let plan: "on-connect" | "before-answer" | "after-answer" | "random" | "none" = "none";
      let connected = false;
      let killed = false;
      const seen = new Set<string>();
      const kills: Record<string, number> = { "on-connect": 0, "before-answer": 0, "after-answer": 0, random: 0 };

      // From the moment a kill is decided, the sender's further messages are never answered nor delivered.
      const kill = (how: keyof typeof kills, afterMs = 0) => {
        if (killed || !worker) return;
        killed = true;
        kills[how]! += 1;
        const dying = worker;
        setTimeout(() => dying.kill("SIGKILL"), afterMs);
      };
      // A batch is killed between sending and recording at most once: only the first copy of a
      // Message-ID triggers a kill, so its one possible re-send goes through. That is the promise —
      // one duplicate per crash — that the assertions below hold the sender to.
      const hooks: SmtpSinkHooks = {
        onConnect() {
          connected = true;
          if (plan === "on-connect") kill("on-connect");
        },
        async accept(mail) {
          if (killed) {
            await exited;
            return false;
          }
          const first = !seen.has(mail.messageId);
          seen.add(mail.messageId);
          if (first && plan === "before-answer") {
            kill("before-answer");
            await exited;
          }
          if (first && plan === "after-answer") kill("after-answer", Math.floor(random() * 30));
          return true;
        },
      };
      const smtp = await startSmtpSink(hooks);
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        DATABASE_URL: fresh.url.toString(),
        EMAIL_SERVER: smtp.url,
        EMAIL_FROM: "Agora <agora@example.org>",
        AUTH_URL: SITE,
        AUTH_SECRET: SECRET,
        NOTIFY_EMAIL_MIN_INTERVAL: "0s",
      };
      const startWorker = (args: string[]) => {
        const child = spawn(process.execPath, [workerBundle, "--lease-seconds", String(LEASE_SECONDS), ...args], {
          env,
          stdio: ["ignore", "ignore", "pipe"],
        });
        let errors = "";
        child.stderr.on("data", (chunk) => (errors += chunk));
        const done = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
        return { child, done, errors: () => errors };
      };

      try {
        const plans = ["on-connect", "before-answer", "after-answer", "random"] as const;
        for (let round = 0; round < ROUNDS && (await pending()) > 0; round++) {
          plan = plans[round % plans.length]!;
          connected = false;
          killed = false;
          const started = startWorker(["--every", "1"]);
          worker = started.child;
          exited = started.done.then(() => {});
          // "random": anywhere from start-up to claiming, but only before it reaches the SMTP server
          // (after that a kill could land on a batch's second copy); if it got there, on a first copy.
          const randomKill =
            plan === "random" ? setTimeout(() => (connected ? (plan = "before-answer") : kill("random")), Math.floor(random() * 2500)) : undefined;
          // A round ends with the kill, or after 15 s with a SIGTERM if no first copy came (a clean stop,
          // or, still starting on a loaded machine, before it had done anything).
          let stopped = false;
          const timeout = setTimeout(() => ((stopped = true), started.child.kill("SIGTERM")), 15_000);
          const code = await started.done;
          clearTimeout(timeout);
          clearTimeout(randomKill);
          if (!killed && !(code === 0 || (stopped && code === "SIGTERM"))) throw new Error(`worker exited with ${code}: ${started.errors()}`);
        }
        // Then a clean drain: once the dead senders' leases have run out, one pass sends the rest.
        plan = "none";
        killed = false;
        await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 300));
        const drain = startWorker(["--once"]);
        worker = drain.child;
        expect(await drain.done, drain.errors()).toBe(0);
      } finally {
        worker?.kill("SIGKILL");
        await smtp.stop();
      }

      console.log(`sender crash: ${JSON.stringify(kills)} kills, ${smtp.mails.length} emails for ${owed.size} notifications`);
      expect(kills["before-answer"]).toBeGreaterThanOrEqual(2);
      expect(kills["on-connect"]).toBeGreaterThanOrEqual(2);
      expect(kills["after-answer"]).toBeGreaterThanOrEqual(2);
      expect(await pending()).toBe(0);
      const states = await queryRows<{ state: string; n: number | string }>(
        database.db,
        sql`select email_state as state, count(*) as n from notifications group by email_state`,
      );
      expect(states.map((s) => [s.state, Number(s.n)])).toEqual([["sent", owed.size]]);

      // Every notification arrived, none more than twice; every email at most twice, by Message-ID.
      const counts = deliveries(smtp.mails, owed);
      expect([...counts.entries()].filter(([, n]) => n < 1 || n > 2)).toEqual([]);
      const copies = copiesByMessageId(smtp.mails);
      expect([...copies.entries()].filter(([, n]) => n > 2)).toEqual([]);
      // The kills between sending and recording did cost a duplicate each (the test reached that window).
      expect([...copies.values()].filter((n) => n === 2).length).toBeGreaterThanOrEqual(kills["before-answer"]!);
      expect(copies.size).toBe(28);
    },
    // About 20 s on an idle machine (each round starts a process); far longer only on a loaded one.
    150_000,
  );

  it("two senders draining one outbox at once send each notification exactly once", async () => {
    // Independent of the test before: nothing of its outbox is left to drain.
    await database.db.execute(sql`update notifications set email_state = 'skipped' where email_state = 'pending'`);
    const owed = await owe(
      "Twin",
      Array.from({ length: 30 }, (_, i) => (i < 2 ? 55 : 1 + (i % 4))),
    );
    // Each answer comes a little late, so the two senders' claims and sends interleave.
    const smtp = await startSmtpSink({ accept: () => new Promise((resolve) => setTimeout(() => resolve(true), 15)) });
    const second = await openDatabase({ driver: "postgres", url: fresh.url.toString() });
    const options: SenderOptions = {
      transport: createTransport(smtp.url),
      from: "Agora <agora@example.org>",
      siteUrl: SITE,
      secret: SECRET,
      minIntervalSeconds: 0,
      readersPerRun: 4,
    };
    const drain = async (db: Database["db"]) => {
      let emails = 0;
      for (;;) {
        const run = await sendNotificationEmails(db, options);
        emails += run.emails;
        expect(run.failed).toBe(0);
        if (run.emails + run.skipped === 0) return emails;
      }
    };
    try {
      const [a, b] = await Promise.all([drain(database.db), drain(second.db)]);
      // Both did part of the work, and together exactly all of it.
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(a + b).toBe(32);
    } finally {
      await second.close();
      await smtp.stop();
    }
    expect(await pending()).toBe(0);
    expect([...copiesByMessageId(smtp.mails).values()].filter((n) => n !== 1)).toEqual([]);
    expect(smtp.mails).toHaveLength(32);
    expect([...deliveries(smtp.mails, owed).entries()].filter(([, n]) => n !== 1)).toEqual([]);
  }, 30_000);
});
