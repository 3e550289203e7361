// npm run soak -- --url http://127.0.0.1:3000 --duration 60 --rate 50 [--readers 20] [--json]
// Drives a realistic mix (reads of the essay, discussions and results; votes, comments, upvotes) against
// a running Agora on loopback at a fixed arrival rate, bounded in time and count, and prints
// throughput, error rate and p50/p95/p99 latency as a table and as JSON. The target needs the
// development login (AUTH_DEV_LOGIN=1) so that the soak can sign its readers in.
import { parseArgs } from "node:util";
import { z } from "zod";

const args = z
  .object({
    url: z.url().default("http://127.0.0.1:3000"),
    duration: z.coerce.number().int().min(1).max(3600).default(60),
    rate: z.coerce.number().int().min(1).max(5000).default(50),
    readers: z.coerce.number().int().min(1).max(500).default(20),
  })
  .parse(parseArgs({ options: { url: { type: "string" }, duration: { type: "string" }, rate: { type: "string" }, readers: { type: "string" } } }).values);

const target = new URL(args.url);
if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) {
  console.error("soak: only loopback targets (127.0.0.1, localhost, [::1]) are allowed.");
  process.exit(2);
}
const MAX_IN_FLIGHT = 512;

interface Reader {
  cookie: string;
}

async function signIn(name: string): Promise<Reader> {
  const csrf = await fetch(new URL("/api/auth/csrf", target));
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(new URL("/api/auth/callback/dev", target), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, name, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`soak: could not sign in as ${name} (is AUTH_DEV_LOGIN=1 set on the target?)`);
  return { cookie: session.split(";")[0]! };
}

const PROPOSALS = ["open-source", "government-funding", "treaties"];
const SECTIONS = ["introduction", "different-this-time", "geopolitics", "open-source", "treaties", "finally"];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The mix: mostly reading, as on a real deliberation; weights sum to 100. */
const MIX: { name: string; weight: number; request: (reader: Reader) => [string, RequestInit] }[] = [
  { name: "GET /", weight: 15, request: () => ["/", {}] },
  { name: "GET /api/proposals", weight: 15, request: (r) => ["/api/proposals", { headers: { cookie: r.cookie } }] },
  { name: "GET comments", weight: 20, request: () => [`/api/sections/${pick(SECTIONS)}/comments`, {}] },
  { name: "GET /api/results", weight: 15, request: () => ["/api/results", {}] },
  { name: "GET /results", weight: 5, request: () => ["/results", {}] },
  {
    name: "PUT vote",
    weight: 20,
    request: (r) => [`/api/proposals/${pick(PROPOSALS)}/vote`, jsonWrite(r, "PUT", { stance: Math.floor(Math.random() * 5) - 2 })],
  },
  {
    name: "POST comment",
    weight: 5,
    request: (r) => [`/api/sections/${pick(SECTIONS)}/comments`, jsonWrite(r, "POST", { body: `Soak comment ${Date.now()}` })],
  },
  { name: "PUT upvote", weight: 5, request: (r) => [`/api/comments/${1 + Math.floor(Math.random() * 50)}/upvote`, jsonWrite(r, "PUT", undefined)] },
];

function jsonWrite(reader: Reader, method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { cookie: reader.cookie, origin: target.origin, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

function chooseOperation() {
  let roll = Math.random() * 100;
  for (const operation of MIX) if ((roll -= operation.weight) < 0) return operation;
  return MIX[0]!;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

async function main() {
  const readers = await Promise.all(Array.from({ length: args.readers }, (_, i) => signIn(`Soak Reader ${i}`)));
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const byOperation = new Map<string, { count: number; errors: number }>();
  let inFlight = 0;
  let dropped = 0;
  const total = args.rate * args.duration;
  const started = performance.now();
  const pending: Promise<void>[] = [];

  for (let i = 0; i < total; i++) {
    // Open loop: request i is due at i / rate seconds, whatever the server's speed.
    const due = started + (i * 1000) / args.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      dropped++;
      continue;
    }
    const operation = chooseOperation();
    const [path, init] = operation.request(pick(readers));
    inFlight++;
    const sent = performance.now();
    pending.push(
      fetch(new URL(path, target), { ...init, signal: AbortSignal.timeout(10_000) })
        .then(async (response) => {
          await response.arrayBuffer();
          return String(response.status);
        })
        .catch((error: Error) => (error.name === "TimeoutError" ? "timeout" : "network error"))
        .then((status) => {
          inFlight--;
          latencies.push(performance.now() - sent);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const stats = byOperation.get(operation.name) ?? { count: 0, errors: 0 };
          stats.count++;
          // 4xx from a write can be legitimate (e.g. upvoting your own comment); 5xx and failures are errors.
          if (!/^[234]\d\d$/.test(status)) stats.errors++;
          byOperation.set(operation.name, stats);
        }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const errors = [...byOperation.values()].reduce((sum, op) => sum + op.errors, 0) + dropped;
  const report = {
    target: target.origin,
    durationSeconds: Number(seconds.toFixed(1)),
    requested: total,
    completed: latencies.length,
    dropped,
    throughputPerSecond: Number((latencies.length / seconds).toFixed(1)),
    errorRate: Number((errors / total).toFixed(4)),
    latencyMs: {
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p95: Number(percentile(latencies, 95).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
    },
    statuses: Object.fromEntries([...statuses].sort()),
    operations: Object.fromEntries(byOperation),
  };
  console.log("| metric | value |\n| --- | --- |");
  console.log(`| duration | ${report.durationSeconds} s at ${args.rate} req/s requested |`);
  console.log(`| completed | ${report.completed} of ${total} (dropped ${dropped}) |`);
  console.log(`| throughput | ${report.throughputPerSecond} req/s |`);
  console.log(`| error rate | ${(report.errorRate * 100).toFixed(2)}% |`);
  console.log(`| latency p50 / p95 / p99 | ${report.latencyMs.p50} / ${report.latencyMs.p95} / ${report.latencyMs.p99} ms |`);
  console.log(`| statuses | ${JSON.stringify(report.statuses)} |`);
  console.log(JSON.stringify(report));
  if (errors > 0) process.exitCode = 1;
}

await main();
