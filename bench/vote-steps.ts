// npm run bench:vote-steps — where a vote's time goes, without HTTP: the session decode, loading the
// reader, and the setVote transaction, each timed alone (latency at 1 in flight; CPU and throughput at
// 20) on a seeded PostgreSQL database, with the number of statements each sends.
import { decode, encode } from "next-auth/jwt";
import pg from "pg";
import { connect } from "@/db/connect";
import { authConfigFromEnv } from "@/lib/auth/config";
import { loadActor, type Actor } from "@/lib/auth/users";
import { parseEnv } from "@/lib/env";
import { limitsFromEnv } from "@/lib/rate-limit";
import { setVote } from "@/lib/votes/cast-vote";
import type { Stance } from "@/lib/votes/stances";
import { HIGH_RATE_LIMITS, TEST_AUTH_SECRET } from "@/support/app-server";
import { cleanUpAll, onCleanup } from "./harness/cleanup";
import { createPostgresDatabase } from "./harness/databases";
import { seedDatabase } from "./seed/database";

// Each reader changes votes far more often than the default 30 a minute allows: time the vote, not the refusal.
const BENCH_LIMITS = limitsFromEnv(HIGH_RATE_LIMITS);

const OPERATIONS = 2_000;

// Every statement a pg client sends passes here: counting them counts round trips.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

try {
  const target = await createPostgresDatabase("steps");
  onCleanup(`drop ${target.label}`, target.drop);
  const { proposalIds } = await seedDatabase(target);
  const url = (target.serverEnv as { DATABASE_URL: string }).DATABASE_URL;
  const config = authConfigFromEnv(parseEnv({ NODE_ENV: "production", AUTH_SECRET: TEST_AUTH_SECRET, AUTH_URL: "http://127.0.0.1", AUTH_DEV_LOGIN: "1" }));
  const secret = config.secret!;
  const database = await connect({ driver: "postgres", url });
  onCleanup("close the pool", database.close);
  const readers = Array.from({ length: 100 }, (_, i) => `bench-reader-${i + 1}`);
  const tokens = await Promise.all(readers.map((sub) => encode({ token: { sub }, secret })));
  const actor = (i: number): Actor => ({ id: readers[i % readers.length]!, name: "Reader", image: null, role: "reader", banReason: null });
  // Each reader's next stance on a proposal is always another one, so every call really changes a vote.
  const visits = new Map<string, number>();
  const nextStance = (reader: string, proposal: string): Stance => {
    const key = `${reader}/${proposal}`;
    const count = (visits.get(key) ?? 0) + 1;
    visits.set(key, count);
    return ((count % 5) - 2) as Stance;
  };

  const steps: [string, (i: number) => Promise<unknown>][] = [
    ["decode the session JWT", (i) => decode({ token: tokens[i % tokens.length]!, secret })],
    ["loadActor (1 query)", (i) => loadActor(database.db, readers[i % readers.length]!, config)],
    [
      "setVote, changing the stance",
      (i) => {
        const [reader, proposal] = [actor(i), proposalIds[i % proposalIds.length]!];
        return setVote(database.db, reader, proposal, nextStance(reader.id, proposal), { limits: BENCH_LIMITS });
      },
    ],
    ["setVote, same stance again", (i) => setVote(database.db, actor(i), proposalIds[0]!, 2, { limits: BENCH_LIMITS })],
  ];
  console.log("step                               statements  latency ms (1 in flight)  CPU ms/op (20 in flight)  ops/s (20)");
  for (const [label, step] of steps) {
    for (let i = 0; i < 100; i++) await step(i); // warm up (and make "same stance again" a no-op)
    const before = statements;
    const alone = await timed(step, OPERATIONS / 4, 1);
    const perOp = (statements - before) / (OPERATIONS / 4);
    const loaded = await timed(step, OPERATIONS, 20);
    console.log(
      `${label.padEnd(34)} ${perOp.toFixed(1).padStart(10)}  ${alone.latencyMs.toFixed(2).padStart(24)}  ${loaded.cpuMs.toFixed(3).padStart(24)}  ${loaded.perSecond.toFixed(0).padStart(10)}`,
    );
  }
} finally {
  await cleanUpAll();
}

/** Runs `step` `count` times, `parallel` at a time; wall time per operation, this process's CPU per operation. */
async function timed(step: (i: number) => Promise<unknown>, count: number, parallel: number) {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < count; i = next++) await step(i);
    }),
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { latencyMs: (wallMs * parallel) / count, cpuMs: (used.user + used.system) / 1000 / count, perSecond: (count / wallMs) * 1000 };
}
