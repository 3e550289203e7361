// npm run bench:contention — votes/s of agora_set_vote driven straight at PostgreSQL by 1, 4, 16 and 64
// concurrent `pg` clients, on one proposal and spread over three, beside a plain per-reader upsert (no
// shared row) in the same run, with pg_stat_activity wait events sampled every 20 ms. The slow-commit
// variant calls the vote through a wrapper that ends in pg_sleep(0.002) inside the same transaction:
// every row lock the vote took is held ~2 ms longer, as on network storage where a commit takes
// milliseconds. (Chosen over a raised commit_delay: it needs no server of its own and adds exactly
// 2 ms whatever the WAL load.) The database is a throwaway one on the server, dropped at the end.
import { existsSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { openDatabase } from "@/db/client";
import { createTestDatabase } from "@/support/postgres-server";
import { startAgora, type RunningServer } from "./harness/servers";
import { signInReaders, type Sessions } from "./seed/sessions";

const SECONDS = Number(process.env.CONTENTION_SECONDS ?? 4);
const CLIENTS = [1, 4, 16, 64];
const READERS = 20_000; // enough that no two clients share a reader
const PROPOSALS = ["government-funding", "open-source", "treaties"];

interface Row {
  workload: string;
  clients: number;
  votesPerSecond: number;
  topWaits: string;
  lockWaitShare: number;
}

const fresh = await createTestDatabase("agora_contention");
const url = fresh.url.toString();
const database = await openDatabase({ driver: "postgres", url });
await database.close();
const admin = new pg.Pool({ connectionString: url, max: 2 });
await admin.query(`insert into users (id, name) select 'r' || i, 'Reader ' || i from generate_series(1, ${READERS}) i`);
await admin.query(
  `create table plain_upserts (user_id text, proposal_id text, stance smallint not null, n integer not null default 1, primary key (user_id, proposal_id))`,
);
await admin.query(`create function bench_slow_vote(p_user text, p_proposal text, p_stance smallint) returns void language plpgsql as $$
  begin perform * from agora_set_vote(p_user, null, p_proposal, p_stance, 1000000000); perform pg_sleep(0.002); end $$`);

const statements: Record<string, (proposal: string) => string> = {
  vote: () => "select outcome from agora_set_vote($1, null, $2, $3, 1000000000)",
  "slow vote": () => "select bench_slow_vote($1, $2, $3)",
  "plain upsert": () =>
    "insert into plain_upserts (user_id, proposal_id, stance) values ($1, $2, $3) on conflict (user_id, proposal_id) do update set stance = excluded.stance, n = plain_upserts.n + 1",
};

/** Samples this database's active backends' wait events every 20 ms until stopped; returns the ranking. */
function sampleWaits() {
  const waits = new Map<string, number>();
  let samples = 0;
  let stop = false;
  const sampler = (async () => {
    while (!stop) {
      const { rows } = await admin.query<{ wait: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'running') as wait from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`,
      );
      for (const { wait } of rows) waits.set(wait, (waits.get(wait) ?? 0) + 1);
      samples += rows.length;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    stop = true;
    await sampler;
    const ranked = [...waits.entries()].sort((a, b) => b[1] - a[1]);
    const lockWaits = ranked.filter(([wait]) => wait.startsWith("Lock:")).reduce((sum, [, n]) => sum + n, 0);
    return {
      topWaits: ranked
        .slice(0, 3)
        .map(([wait, n]) => `${wait} ${Math.round((100 * n) / Math.max(samples, 1))}%`)
        .join(", "),
      lockWaitShare: samples ? lockWaits / samples : 0,
    };
  };
}

/**
 * The vote through the app: PUT /api/proposals/treaties/vote on two `next start` instances sharing the
 * database, `clients` autocannon connections split between them, signed-in readers rotating.
 */
async function runThroughApp(servers: RunningServer[], sessions: Sessions, clients: number): Promise<Row> {
  const stopSampling = sampleWaits();
  const started = performance.now();
  const results = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: server.url,
        connections: Math.max(1, Math.round(clients / servers.length)),
        duration: SECONDS,
        timeout: 10,
        requests: [
          {
            setupRequest: (request: autocannon.Request) => ({
              ...request,
              method: "PUT",
              path: "/api/proposals/treaties/vote",
              headers: { "content-type": "application/json", origin: server.url, cookie: sessions.next() },
              body: JSON.stringify({ stance: Math.floor(Math.random() * 5) - 2 }),
            }),
          },
        ],
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const ok = results.reduce((sum, result) => sum + result["2xx"], 0);
  return { workload: "vote through two app instances, one proposal", clients, votesPerSecond: Math.round(ok / elapsed), ...(await stopSampling()) };
}

async function run(workload: string, kind: keyof typeof statements, clients: number, spread: boolean): Promise<Row> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  await Promise.all(Array.from({ length: clients }, async () => (await pool.connect()).release()));
  const stopSampling = sampleWaits();
  let done = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      // Each client votes as readers of its own (no reader races itself), picked at random.
      const span = Math.floor(READERS / clients);
      while (performance.now() < deadline) {
        const reader = `r${c * span + 1 + Math.floor(Math.random() * span)}`;
        const proposal = spread ? PROPOSALS[Math.floor(Math.random() * 3)]! : "treaties";
        const stance = Math.floor(Math.random() * 5) - 2;
        await pool.query(statements[kind]!(proposal), [reader, proposal, stance]);
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const waits = await stopSampling();
  await pool.end();
  return { workload, clients, votesPerSecond: Math.round(done / elapsed), ...waits };
}

const rows: Row[] = [];
try {
  for (const [workload, kind, spread] of [
    ["vote, one proposal", "vote", false],
    ["vote, three proposals", "vote", true],
    ["plain per-reader upsert", "plain upsert", false],
    ["slow-commit vote (+2 ms), one proposal", "slow vote", false],
  ] as const) {
    for (const clients of CLIENTS) {
      const row = await run(workload, kind, clients, spread);
      rows.push(row);
      console.log(`${row.workload.padEnd(40)} ${String(row.clients).padStart(3)} clients ${String(row.votesPerSecond).padStart(6)}/s  ${row.topWaits}`);
    }
  }
  // The same vote through the app, when there is a production build to start (npm run bench builds one).
  if (existsSync(".next/BUILD_ID")) {
    const target = { label: fresh.name, serverEnv: { DATABASE_URL: url }, open: () => openDatabase({ driver: "postgres", url }), drop: fresh.drop };
    const servers = [await startAgora(target), await startAgora(target)];
    try {
      const sessions = await signInReaders(servers[0]!.url, 64);
      for (const clients of [16, 64]) {
        const row = await runThroughApp(servers, sessions, clients);
        rows.push(row);
        console.log(`${row.workload.padEnd(40)} ${String(row.clients).padStart(3)} clients ${String(row.votesPerSecond).padStart(6)}/s  ${row.topWaits}`);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  } else {
    console.log("No production build (.next): the votes through two app instances are not measured. Run `npm run build` first.");
  }
} finally {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await admin.end();
  await fresh.drop();
}

const rate = (workload: string, clients: number) => rows.find((row) => row.workload === workload && row.clients === clients)?.votesPerSecond ?? 0;
const one16 = rate("vote, one proposal", 16);
const budgets = [
  { budget: "16 clients on one proposal ≥ 2× the 1-client rate", pass: one16 >= 2 * rate("vote, one proposal", 1) },
  { budget: "16 clients on one proposal ≥ 30% of the plain upsert's 16-client rate", pass: one16 >= 0.3 * rate("plain per-reader upsert", 16) },
  {
    budget: "no lock wait among the top two wait events (vote, one proposal, 16 clients)",
    pass: !(rows.find((row) => row.workload === "vote, one proposal" && row.clients === 16)?.topWaits ?? "")
      .split(", ")
      .slice(0, 2)
      .some((wait) => wait.startsWith("Lock:")),
  },
];
for (const { budget, pass } of budgets) console.log(`${pass ? "PASS" : "FAIL"} ${budget}`);
const out = process.env.CONTENTION_OUT ?? "bench/results/contention.json";
writeFileSync(out, `${JSON.stringify({ seconds: SECONDS, rows, budgets }, null, 2)}\n`);
console.log(`wrote ${out}`);
