import type { LoadFigures, Measurement } from "../measure/load";
import type { DriverResult, GrowthPoint, ScenarioResult } from "./results";

// Ratios within one run: every Agora figure is read against a reference measured beside it.

export const ok = (measurement: Measurement | null | undefined): LoadFigures | null => (measurement?.status === "ok" ? measurement : null);

export function scenario(run: DriverResult, id: string): ScenarioResult | undefined {
  return run.scenarios.find((result) => result.id === id);
}

/** req/s as a share of the framework floor measured in turns with it (1 = as fast as a trivial route). */
export function floorRatio(result: ScenarioResult): number | null {
  const [figures, floor] = [ok(result.measurement), ok(result.floorMeasurement)];
  return figures && floor ? figures.requestsPerSecond / floor.requestsPerSecond : null;
}

/**
 * The same share predicted from CPU time per request (app + its database backends): what the req/s
 * ratio would be on a machine where both run out of CPU. Steadier than req/s when the machine is busy.
 */
export function floorCpuRatio(result: ScenarioResult): number | null {
  const [mine, theirs] = [cpuCost(result.measurement), cpuCost(result.floorMeasurement)];
  return mine && theirs ? theirs / mine : null;
}

/** CPU time per request of the app and its database backends together; null if not measured. */
function cpuCost(measurement: Measurement | null | undefined): number | null {
  const figures = ok(measurement);
  return figures?.appCpuMsPerRequest == null ? null : figures.appCpuMsPerRequest + (figures.dbCpuMsPerRequest ?? 0);
}

/** req/s as a share of the bare Node + PostgreSQL server doing the same work. */
export function bareRatio(result: ScenarioResult): number | null {
  const [figures, bare] = [ok(result.measurement), ok(result.bareMeasurement)];
  return figures && bare ? figures.requestsPerSecond / bare.requestsPerSecond : null;
}

/** How a read's p50 changed from the small data set to the large one (null if either is missing). */
export function p50Growth(point: GrowthPoint): number | null {
  const [small, large] = [ok(point.small), ok(point.large)];
  return small && large ? large.p50Ms / small.p50Ms : null;
}

/** How its CPU time per request changed: the work itself, whatever the machine's load did to latency. */
export function cpuGrowth(point: GrowthPoint): number | null {
  const [small, large] = [cpuCost(point.small), cpuCost(point.large)];
  return small && large ? large / small : null;
}

export const errorsOf = (figures: LoadFigures) => figures.non2xx + figures.socketErrors;

export const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
export const times = (ratio: number) => `${ratio.toFixed(2)}×`;
export const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);
