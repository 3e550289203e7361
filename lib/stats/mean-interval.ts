import type { Stance } from "@/lib/stats/opinion-profiles";
import { STANCES } from "@/lib/stats/opinion-profiles";

export type StanceCounts = Record<Stance, number>;

export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
  /** Sample standard deviation (n − 1); null for a single vote, which says nothing about spread. */
  sd: number | null;
  n: number;
}

/**
 * P(|T| < t) for Student's t with an integer number of degrees of freedom.
 *
 * Uses the finite series of Abramowitz & Stegun 26.7.3 (odd df) and 26.7.4 (even df): exact up to
 * rounding, and needs no gamma function or continued fraction. Degrees of freedom here are always
 * n − 1 for a whole number of votes, so the integer restriction costs nothing. The cost is O(df)
 * per call, which stays in the low milliseconds for any realistic poll.
 */
function centralProbability(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const cos = Math.cos(theta);
  const cos2 = cos * cos;
  let term = 1;
  let sum = 1;
  if (df % 2 === 1) {
    if (df === 1) return (2 * theta) / Math.PI;
    for (let k = 1; k <= (df - 3) / 2; k++) {
      term *= (cos2 * (2 * k)) / (2 * k + 1);
      sum += term;
    }
    return (2 / Math.PI) * (theta + Math.sin(theta) * cos * sum);
  }
  for (let k = 1; k <= (df - 2) / 2; k++) {
    term *= (cos2 * (2 * k - 1)) / (2 * k);
    sum += term;
  }
  return Math.sin(theta) * sum;
}

/**
 * Quantile of Student's t: the t with P(T ≤ t) = p. Found by bisection because the CDF is monotone
 * and the bracket is easy to grow, which makes it robust at df = 1 where the tails are very heavy.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`df must be a positive integer, got ${df}`);
  // The distribution is symmetric about 0, so only the upper half needs a search.
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const target = 2 * p - 1;
  let lo = 0;
  let hi = 1;
  while (centralProbability(hi, df) < target) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (centralProbability(mid, df) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Mean stance with a 95% t interval, from counts per stance (the aggregate the results page keeps)
 * rather than a list of votes.
 *
 * The t interval is symmetric and can cross the ends of the scale for small or polarised samples;
 * it is clamped to [−2, 2] because a mean outside the scale is impossible. Note that when every
 * vote has the same stance the sample sd is 0 and the interval collapses to that point, as the
 * t interval does; callers should lean on MIN_RELIABLE_N rather than read that as certainty.
 */
export function meanInterval(counts: StanceCounts): MeanInterval | null {
  let n = 0;
  let total = 0;
  for (const s of STANCES) {
    const c = counts[s];
    if (!Number.isInteger(c) || c < 0) throw new RangeError(`count for stance ${s} must be a non-negative integer, got ${c}`);
    n += c;
    total += s * c;
  }
  if (n === 0) return null;
  const mean = total / n;
  // One vote fixes the mean but says nothing about spread, so the only honest range is the scale.
  if (n === 1) return { mean, low: -2, high: 2, sd: null, n };

  // Two passes (deviations from the mean) rather than Σx² − n·mean², which cancels badly.
  let squares = 0;
  for (const s of STANCES) squares += counts[s] * (s - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, low: Math.max(-2, mean - half), high: Math.min(2, mean + half), sd, n };
}
