import { isStance } from "@/lib/votes/stances";

export type { Stance } from "@/lib/votes/stances";
export { isStance, STANCES } from "@/lib/votes/stances";

export type Side = "support" | "unsure" | "oppose";

/**
 * Collapses the 5-point scale to the three positions a reader would name out loud; intensity is
 * kept for means and correlations, but "do they agree?" is a question about sides.
 */
export function side(stance: number): Side {
  // Throwing beats silently filing a corrupt value (e.g. 3 or 0.5) under some side.
  if (!isStance(stance)) throw new RangeError(`stance must be an integer in −2..2, got ${stance}`);
  if (stance > 0) return "support";
  if (stance < 0) return "oppose";
  return "unsure";
}

/**
 * One string per combination of sides across a fixed, ordered list of proposals, so profiles can be
 * counted as plain map keys (and stored as aggregates) instead of re-deriving them from votes.
 */
export function profileKey(sides: readonly Side[]): string {
  return sides.join("/");
}

export interface ProfileShare {
  profile: string;
  count: number;
  share: number;
}

/** Profiles ranked by how many readers hold them, with each one's share of all readers counted. */
export function profileShares(counts: ReadonlyMap<string, number>): ProfileShare[] {
  let total = 0;
  for (const [profile, count] of counts) {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`count for ${profile} must be a non-negative integer, got ${count}`);
    }
    total += count;
  }
  return (
    [...counts]
      .map(([profile, count]) => ({ profile, count, share: total > 0 ? count / total : 0 }))
      // Ties broken by key (code-unit order, not locale) so the page renders identically everywhere.
      .sort((x, y) => y.count - x.count || (x.profile < y.profile ? -1 : x.profile > y.profile ? 1 : 0))
  );
}
