import type { Db } from "@/db/database";
import { loadResults, type Results } from "./load-results";
import { votesCsv } from "./votes-export";

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

/** The body of GET /api/results/votes.csv, built once per snapshot (a full read of the votes and an HMAC per voter). */
export interface VotesCsvSnapshot {
  /** The CSV in pages of rows (UTF-8), streamed as they are: no request copies the whole file. */
  chunks: Uint8Array[];
  loadedAt: number;
}

/** One instance's snapshot: each part is built when first asked for, and shared until the entry expires. */
interface Entry {
  startedAt: number;
  results?: Promise<ResultsSnapshot>;
  votesCsv?: Promise<VotesCsvSnapshot>;
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
  return part(db, now, "results", () => loadResultsSnapshot(db));
}

/**
 * Every current vote as the public CSV, shared like the results: anyone may download it, so however
 * often they do, an instance reads all the votes and hashes every voter at most once per snapshot.
 */
export function getVotesCsvSnapshot(db: Db, secret: string, now = Date.now()): Promise<VotesCsvSnapshot> {
  return part(db, now, "votesCsv", () => loadVotesCsv(db, secret));
}

function part<K extends "results" | "votesCsv">(db: Db, now: number, key: K, load: () => NonNullable<Entry[K]>): NonNullable<Entry[K]> {
  let entry = entries.get(db);
  if (!entry || now - entry.startedAt >= RESULTS_MAX_AGE_MS) {
    entry = { startedAt: now };
    entries.set(db, entry);
  }
  const cached = entry[key];
  if (cached) return cached;
  const loading = load();
  entry[key] = loading;
  const owner = entry;
  loading.catch(() => {
    if (owner[key] === loading) delete owner[key];
  });
  return loading;
}

async function loadResultsSnapshot(db: Db): Promise<ResultsSnapshot> {
  const results = await loadResults(db);
  return { results, json: JSON.stringify(results), loadedAt: Date.now() };
}

async function loadVotesCsv(db: Db, secret: string): Promise<VotesCsvSnapshot> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for await (const lines of votesCsv(db, secret)) chunks.push(encoder.encode(lines));
  return { chunks, loadedAt: Date.now() };
}

/**
 * Drops this instance's snapshot after a write it made (a vote), so the reader who just voted sees it
 * counted on their next look here. Other instances catch up within RESULTS_MAX_AGE_MS.
 */
export function forgetResultsSnapshot(db: Db): void {
  entries.delete(db);
}
