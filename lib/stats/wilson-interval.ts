/** A share with its confidence bounds, all on the 0..1 scale. */
export interface ProportionInterval {
  estimate: number;
  low: number;
  high: number;
}

/** Two-sided 95% normal quantile, so the default interval is the conventional 95% one. */
const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial share.
 *
 * Wilson rather than the textbook p ± z·√(p(1−p)/n): the latter collapses to a zero-width interval
 * at 0% or 100% and spills outside [0, 1] for small samples, which is exactly where a poll page
 * most needs an honest range.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): ProportionInterval | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer in 0..${n}, got ${successes}`);
  }
  if (!(z > 0)) throw new RangeError(`z must be positive, got ${z}`);
  // No votes means no estimate at all; a 0..1 "interval" would read as data.
  if (n === 0) return null;

  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;

  // At the edges the bounds are exact by algebra (low = 0 at 0 successes, high = 1 at n), but
  // centre − halfWidth only cancels to within rounding; pin them so the page never shows "−0%".
  const low = successes === 0 ? 0 : clamp01(centre - halfWidth);
  const high = successes === n ? 1 : clamp01(centre + halfWidth);
  return { estimate: p, low, high };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
