import { wilsonInterval } from "@/lib/stats/wilson-interval";

export interface TrendPoint {
  /** UTC day, YYYY-MM-DD: the state at the end of that day. */
  day: string;
  n: number;
  support: number | null;
  supportLow: number | null;
  supportHigh: number | null;
}

/** A day with voters: its support share and interval are known. */
export type MeasuredPoint = TrendPoint & { support: number; supportLow: number; supportHigh: number };

export const isMeasured = (point: TrendPoint): point is MeasuredPoint => point.support !== null;

export interface DailyDelta {
  day: string;
  stance: number;
  delta: number;
}

/** Support share at the end of each day with a change, by summing the daily stance deltas in order. */
export function trendFromDeltas(deltas: readonly DailyDelta[]): TrendPoint[] {
  const byDay = new Map<string, DailyDelta[]>();
  for (const delta of deltas) byDay.set(delta.day, [...(byDay.get(delta.day) ?? []), delta]);
  const counts = new Map<number, number>([
    [-2, 0],
    [-1, 0],
    [0, 0],
    [1, 0],
    [2, 0],
  ]);
  return [...byDay.keys()].sort().map((day) => {
    for (const { stance, delta } of byDay.get(day)!) counts.set(stance, (counts.get(stance) ?? 0) + delta);
    const n = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const interval = wilsonInterval((counts.get(1) ?? 0) + (counts.get(2) ?? 0), n);
    return { day, n, support: interval?.estimate ?? null, supportLow: interval?.low ?? null, supportHigh: interval?.high ?? null };
  });
}
