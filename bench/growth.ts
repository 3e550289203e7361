import { onCleanup } from "./cleanup";
import { createPostgresDatabase } from "./databases";
import { measure, type LoadSettings, type Measurement } from "./load";
import { describeMeasurement, log } from "./log";
import type { BenchOptions } from "./options";
import type { GrowthPoint, GrowthResult } from "./results";
import { FLOOR_PATH, getPath } from "./scenarios";
import { seedBulkVotes } from "./seed-votes";
import { loadSettings, startAgora } from "./servers";

const SMALL_VOTES = 1_000;

/** The results reads; GET /api/proposals runs the query /results is built on and exists on every branch. */
const READS = [
  { id: "results-api", label: "GET /api/results", path: "/api/results" },
  { id: "proposals-api", label: "GET /api/proposals", path: "/api/proposals" },
  { id: "results-page", label: "GET /results", path: "/results" },
];

/**
 * Do the results stay O(1) in the number of votes? One server on a separate database measures the
 * results reads at 1,000 votes, then again after generate_series has grown the same database to
 * 1,000,000 (the server keeps running: no cold start in the comparison). The trivial handler is
 * measured beside each point, to tell the app's change from the machine's.
 */
export async function runGrowth(options: BenchOptions): Promise<GrowthResult> {
  const target = await createPostgresDatabase("growth");
  const dropDatabase = onCleanup(`drop ${target.label}`, target.drop);
  const database = await target.open();
  const closeDatabase = onCleanup("close the growth database", database.close);
  await seedBulkVotes(database.db, 0, SMALL_VOTES);
  const server = await startAgora(target);
  const stopServer = onCleanup("stop next start (growth)", server.stop);
  const settings = loadSettings(server, options);

  const small = new Map<string, { read: Measurement; floor: Measurement }>();
  for (const read of READS) small.set(read.id, await measurePoint(server.url, read, settings, SMALL_VOTES));
  const seedStarted = Date.now();
  await seedBulkVotes(database.db, SMALL_VOTES, options.growthVotes);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  log(`growth: ${options.growthVotes.toLocaleString("en")} votes generated in ${seedSeconds.toFixed(0)} s`);
  const points: GrowthPoint[] = [];
  for (const read of READS) {
    const before = small.get(read.id)!;
    const after = await measurePoint(server.url, read, settings, options.growthVotes);
    points.push({ id: read.id, label: read.label, small: before.read, large: after.read, smallFloor: before.floor, largeFloor: after.floor });
  }

  await stopServer();
  await closeDatabase();
  await dropDatabase();
  return { smallVotes: SMALL_VOTES, largeVotes: options.growthVotes, seedSeconds, points };
}

async function measurePoint(url: string, read: (typeof READS)[number], settings: LoadSettings, votes: number): Promise<{ read: Measurement; floor: Measurement }> {
  const measured = await measure(url, [getPath(read.path)], settings);
  if (measured.status !== "ok") {
    log(`growth: ${read.id}: ${describeMeasurement(measured)}`);
    return { read: measured, floor: measured };
  }
  const floor = await measure(url, [getPath(FLOOR_PATH)], settings);
  log(`growth: ${read.id} at ${votes.toLocaleString("en")} votes: ${describeMeasurement(measured)}; floor p50 ${floor.status === "ok" ? floor.p50Ms : "?"} ms`);
  return { read: measured, floor };
}
