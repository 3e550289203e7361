import type { Db } from "@/db/database";
import { loadResults, type Results } from "./load-results";

/**
 * How old a results snapshot may be when served. The issue promises a new vote shows within 5 seconds;
 * one second keeps well inside that while letting a busy instance compute results about once a second
 * instead of once per request (six queries and the statistics each time).
 */
export const RESULTS_MAX_AGE_MS = 1_000;

export interface ResultsSnapshot {
  results: Results;
  /** The JSON body of GET /api/results, serialized once per snapshot rather than once per request. */
  json: string;
  loadedAt: number;
}

interface Entry {
  snapshot: Promise<ResultsSnapshot>;
  startedAt: number;
}

// Per database handle (tests open several in one process); per instance, like any serverless cache.
// On globalThis, like the database handle itself (db/client.ts): Next bundles route handlers and pages
// separately, each with its own copy of this module, and a vote through the API must drop the snapshot
// /results renders from, not only the one /api/results reads.
const globalForSnapshots = globalThis as typeof globalThis & { __agoraResultsSnapshots?: WeakMap<Db, Entry> };
const entries = (globalForSnapshots.__agoraResultsSnapshots ??= new WeakMap<Db, Entry>());

/**
 * The current results, shared by every request of this instance within RESULTS_MAX_AGE_MS. Concurrent
 * callers share one load in flight (no stampede when the snapshot expires under load); a failed load is
 * not kept, so an outage answers 503 and the next request tries again.
 */
export function getResultsSnapshot(db: Db, now = Date.now()): Promise<ResultsSnapshot> {
  const cached = entries.get(db);
  if (cached && now - cached.startedAt < RESULTS_MAX_AGE_MS) return cached.snapshot;
  const entry: Entry = { startedAt: now, snapshot: load(db) };
  entries.set(db, entry);
  entry.snapshot.catch(() => {
    if (entries.get(db) === entry) entries.delete(db);
  });
  return entry.snapshot;
}

async function load(db: Db): Promise<ResultsSnapshot> {
  const results = await loadResults(db);
  return { results, json: JSON.stringify(results), loadedAt: Date.now() };
}

/**
 * Drops this instance's snapshot after a write it made (a vote), so the reader who just voted sees it
 * counted on their next look here. Other instances catch up within RESULTS_MAX_AGE_MS.
 */
export function forgetResultsSnapshot(db: Db): void {
  entries.delete(db);
}
