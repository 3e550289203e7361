import { onCleanup } from "../harness/cleanup";
import { createPostgresDatabase, type BenchDatabase } from "../harness/databases";
import { describeMeasurement, log } from "../harness/log";
import type { BenchOptions } from "../harness/options";
import { loadSettings, startAgora, type RunningServer } from "../harness/servers";
import type { GrowthPoint, GrowthResult } from "../report/results";
import { seedBulkComments } from "../seed/comments";
import { seedBulkVotes } from "../seed/votes";
import { measureInTurns, ROUNDS } from "./in-turns";
import { warmUpServer } from "./load";
import { FLOOR_PATH, getPath } from "./scenarios";

const SMALL_VOTES = 1_000;
const SMALL_COMMENTS = 100;

/** The results reads; GET /api/proposals runs the query /results is built on and exists on every branch. */
const READS = [
  { id: "results-api", label: "GET /api/results", path: "/api/results" },
  { id: "proposals-api", label: "GET /api/proposals", path: "/api/proposals" },
  { id: "results-page", label: "GET /results", path: "/results" },
  // The essay: every section's comment count and preview, and the proposals' tallies.
  { id: "essay", label: "GET /", path: "/" },
];

/**
 * Do the results and the essay stay O(1) in the number of votes and comments? Two databases, one with
 * 1,000 votes and 100 comments and one with 1,000,000 and 100,000 (generated with generate_series),
 * each behind its own server, measured in turns.
 */
export async function runGrowth(options: BenchOptions): Promise<GrowthResult> {
  const small = await votesDatabase("growth_small", SMALL_VOTES, SMALL_COMMENTS);
  const started = Date.now();
  const large = await votesDatabase("growth_large", options.growthVotes, options.growthComments);
  const seedSeconds = (Date.now() - started) / 1000;
  log(
    `growth: ${options.growthVotes.toLocaleString("en")} votes and ${options.growthComments.toLocaleString("en")} comments generated in ${seedSeconds.toFixed(0)} s`,
  );
  const [smallServer, largeServer] = [await serve(small), await serve(large)];
  const reads = [FLOOR_PATH, ...READS.map((read) => read.path)].map(getPath);
  for (const server of [smallServer, largeServer]) await warmUpServer(server.url, reads, options.connections, options.serverWarmupSeconds / 2);

  const points: GrowthPoint[] = [];
  for (const read of READS) {
    const side = (server: RunningServer) => ({ baseUrl: server.url, factories: [getPath(read.path)], settings: loadSettings(server, options) });
    const [atSmall, atLarge] = await measureInTurns([side(smallServer), side(largeServer)], ROUNDS);
    log(`growth: ${read.id}: ${describeMeasurement(atSmall!)} at ${SMALL_VOTES} votes; ${describeMeasurement(atLarge!)} at ${options.growthVotes}`);
    points.push({ id: read.id, label: read.label, small: atSmall!, large: atLarge! });
  }
  return {
    smallVotes: SMALL_VOTES,
    largeVotes: options.growthVotes,
    smallComments: SMALL_COMMENTS,
    largeComments: options.growthComments,
    seedSeconds,
    points,
  };
}

/** A fresh database holding `votes` votes (three per reader) with their history and tallies, and `comments` comments. */
async function votesDatabase(purpose: string, votes: number, comments: number): Promise<BenchDatabase> {
  const target = await createPostgresDatabase(purpose);
  onCleanup(`drop ${target.label}`, target.drop);
  const database = await target.open();
  try {
    await seedBulkVotes(database.db, 0, votes);
    await seedBulkComments(database.db, comments);
  } finally {
    await database.close();
  }
  return target;
}

async function serve(target: BenchDatabase): Promise<RunningServer> {
  const server = await startAgora(target);
  onCleanup(`stop next start (${target.label})`, server.stop);
  return server;
}
