import type { ProportionInterval } from "@/lib/stats/wilson-interval";

/**
 * Below this many responses the results page says the estimate is too uncertain to read. At n = 30
 * the 95% Wilson interval around an even split is still about ±17 points wide, so anything smaller
 * is mostly noise; 30 is also where the t interval on the mean is close to its large-sample form.
 */
export const MIN_RELIABLE_N = 30;

/** Whole percents: a poll this size cannot support decimals, and decimals would suggest it can. */
export function formatPercent(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format ${x} as a percent`);
  // `+ 0` turns a rounded −0 into 0, so a tiny negative never prints as "-0%".
  return `${Math.round(x * 100) + 0}%`;
}

/** The plain-language line under a proposal, e.g. "62% support (55–68%), n = 190". */
export function supportSentence({ supportShare, n }: { supportShare: ProportionInterval; n: number }): string {
  const low = Math.round(supportShare.low * 100) + 0;
  const high = Math.round(supportShare.high * 100) + 0;
  // En dash for a range, as in print; the % is written once because both bounds share it.
  return `${formatPercent(supportShare.estimate)} support (${low}–${high}%), n = ${n}`;
}
