import { STANCES, type Stance } from "@/lib/stats/opinion-profiles";

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
  // The exact series costs O(df) per evaluation; past a few hundred degrees of freedom the
  // Cornish–Fisher expansion around the normal quantile is accurate to ~1e-7 and costs O(1), so the
  // results page costs the same at a million votes as at a thousand.
  if (df > LARGE_DF) return cornishFisherT(normalQuantile(p), df);
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

const LARGE_DF = 300;

/** t quantile from the normal quantile z (Abramowitz & Stegun 26.7.5, terms to df⁻³). */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  return (
    z + (z * (z2 + 1)) / (4 * df) + (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df ** 2) + (z * (3 * z2 ** 3 + 19 * z2 * z2 + 17 * z2 - 15)) / (384 * df ** 3)
  );
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
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
