import type { DriverConfig } from "../harness/options";
import type { LighthouseRun } from "../measure/lighthouse";
import type { Measurement } from "../measure/load";
import type { PageWeight } from "../measure/page-weight";
import type { NoScriptReading } from "../measure/reading-without-javascript";

// The shape of bench/results/latest.json.

export interface ScenarioResult {
  id: string;
  label: string;
  floor: "handler" | "page";
  measurement: Measurement;
  /** The framework floor measured in turns with it on the same server: its ratio's denominator. */
  floorMeasurement: Measurement | null;
  /** The bare server doing the same work, measured right after it; absent where there is none. */
  bareMeasurement?: Measurement | null;
  /** The same requests at a steady offered rate (the vote's latency budget), where the scenario has one. */
  paced?: { ratePerSecond: number; measurement: Measurement };
}

export interface MixedResult {
  seconds: number;
  scenarios: string[];
  /** Scenarios left out of the mix because this branch lacks their route. */
  missing: string[];
  measurement: Measurement;
  rssAfterMb: number | null;
}

export interface DriverResult {
  driver: DriverConfig;
  seed: { readers: number; votes: number; comments: number; bigSection: string; smallSection: string; writeSection: string; seconds: number };
  signedInReaders: number;
  scenarios: ScenarioResult[];
  /** Vote invariants checked after the load: empty when tallies equal a recount and history replays. */
  voteProblemsAfterLoad: string[];
  /** The first page of comments at 10 and at 10,000 comments, measured in turns (PostgreSQL). */
  commentGrowth?: GrowthPoint;
  pageWeight?: PageWeight[];
  noScript?: NoScriptReading;
  mixed?: MixedResult;
  coldStart?: ColdStartResult;
}

export interface ColdStartTarget {
  id: string;
  label: string;
  samplesMs: number[];
  medianMs: number;
}

/** Time from spawning `next start` to a request's first 200, per request (see bench/measure/cold-start.ts). */
export interface ColdStartResult {
  pollMs: number;
  targets: ColdStartTarget[];
}

/** The same read at a small and a large data set, measured in turns (see in-turns.ts). */
export interface GrowthPoint {
  id: string;
  label: string;
  small: Measurement;
  large: Measurement;
}

export interface GrowthResult {
  smallVotes: number;
  largeVotes: number;
  /** Absent in runs from before the growth databases held comments. */
  smallComments?: number;
  largeComments?: number;
  seedSeconds: number;
  points: GrowthPoint[];
}

export interface BenchResults {
  meta: {
    date: string;
    commit: string;
    mode: "full" | "quick";
    node: string;
    cpus: number;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    durationSeconds: number;
    connections: number;
    totalSeconds: number;
  };
  drivers: DriverResult[];
  growth: GrowthResult | null;
  lighthouse: LighthouseRun | null;
}
