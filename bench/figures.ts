import type { LoadFigures, Measurement } from "./load";
import type { DriverResult, ScenarioResult } from "./results";

// Ratios within one run: every Agora figure is read against a reference measured beside it.

export const ok = (measurement: Measurement | null | undefined): LoadFigures | null => (measurement?.status === "ok" ? measurement : null);

export function scenario(run: DriverResult, id: string): ScenarioResult | undefined {
  return run.scenarios.find((result) => result.id === id);
}

/** req/s as a share of the framework floor measured right before it (1 = as fast as a trivial route). */
export function floorRatio(result: ScenarioResult): number | null {
  const [figures, floor] = [ok(result.measurement), ok(result.floorMeasurement)];
  return figures && floor ? figures.requestsPerSecond / floor.requestsPerSecond : null;
}

/** req/s as a share of the bare Node + PostgreSQL server doing the same work. */
export function bareRatio(result: ScenarioResult): number | null {
  const [figures, bare] = [ok(result.measurement), ok(result.bareMeasurement)];
  return figures && bare ? figures.requestsPerSecond / bare.requestsPerSecond : null;
}

/**
 * How a p50 changed between two points, discounting the machine: the raw ratio, and the ratio of each
 * p50 to the trivial handler's p50 measured beside it (null without both floors).
 */
export function p50Growth(small: Measurement, large: Measurement, smallFloor: Measurement | null, largeFloor: Measurement | null): { raw: number; relative: number | null } | null {
  const [a, b, fa, fb] = [ok(small), ok(large), ok(smallFloor), ok(largeFloor)];
  if (!a || !b) return null;
  const raw = b.p50Ms / a.p50Ms;
  return { raw, relative: fa && fb ? b.p50Ms / fb.p50Ms / (a.p50Ms / fa.p50Ms) : null };
}

export const errorsOf = (figures: LoadFigures) => figures.non2xx + figures.socketErrors;

export const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
export const times = (ratio: number) => `${ratio.toFixed(2)}×`;
export const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);
