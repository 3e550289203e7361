import { isStance, side } from "@/lib/stats/opinion-profiles";

export interface StancePair {
  a: number;
  b: number;
}

export interface Agreement {
  /** Readers who voted on both proposals. */
  n: number;
  /** Share of those readers on the same side (support / unsure / oppose) of both; null when n = 0. */
  sameSide: number | null;
  /** Pearson r of the raw stances; null when n < 2 or either proposal has no spread. */
  correlation: number | null;
}

/**
 * Agreement between two proposals from the paired stances of readers who voted on both. Works from
 * deviations about the means: the direct definition, kept so the cross-tab path has a reference.
 */
export function agreement(pairs: readonly StancePair[]): Agreement {
  const n = pairs.length;
  let same = 0;
  let sumA = 0;
  let sumB = 0;
  for (const { a, b } of pairs) {
    if (!isStance(a) || !isStance(b)) throw new RangeError(`stances must be integers in −2..2, got (${a}, ${b})`);
    if (side(a) === side(b)) same++;
    sumA += a;
    sumB += b;
  }
  if (n === 0) return { n, sameSide: null, correlation: null };
  const meanA = sumA / n;
  const meanB = sumB / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const { a, b } of pairs) {
    sab += (a - meanA) * (b - meanB);
    saa += (a - meanA) ** 2;
    sbb += (b - meanB) ** 2;
  }
  // Stances are integers, so identical values sit exactly on their mean and a constant column gives
  // an exact 0 here, not a rounding residue that would yield a meaningless r.
  const correlation = n < 2 || saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
  return { n, sameSide: same / n, correlation };
}

/**
 * The same result from a 5×5 cross-tab of counts (row = stance on A, column = stance on B, index 0..4
 * for −2..2), so the results page can keep one small aggregate per proposal pair and never scan votes.
 *
 * Uses raw sums; n·Σab − Σa·Σb etc. are integers well inside 2^53 for any realistic poll, so they are
 * exact, and zero variance is detected exactly rather than by a tolerance.
 */
export function agreementFromCrossTab(table: readonly (readonly number[])[]): Agreement {
  if (table.length !== 5) throw new RangeError(`cross-tab must have 5 rows, got ${table.length}`);
  let n = 0;
  let same = 0;
  let sumA = 0;
  let sumB = 0;
  let sumAA = 0;
  let sumBB = 0;
  let sumAB = 0;
  table.forEach((row, i) => {
    if (row.length !== 5) throw new RangeError(`cross-tab row ${i} must have 5 columns, got ${row.length}`);
    row.forEach((count, j) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`cross-tab cell [${i}][${j}] must be a non-negative integer, got ${count}`);
      }
      const a = i - 2;
      const b = j - 2;
      n += count;
      if (side(a) === side(b)) same += count;
      sumA += count * a;
      sumB += count * b;
      sumAA += count * a * a;
      sumBB += count * b * b;
      sumAB += count * a * b;
    });
  });
  if (n === 0) return { n, sameSide: null, correlation: null };
  // Each is n² times the corresponding (co)variance sum about the mean, so the n² cancels in r.
  const cov = n * sumAB - sumA * sumB;
  const varA = n * sumAA - sumA * sumA;
  const varB = n * sumBB - sumB * sumB;
  const correlation = n < 2 || varA === 0 || varB === 0 ? null : cov / Math.sqrt(varA * varB);
  return { n, sameSide: same / n, correlation };
}
