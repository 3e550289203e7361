import type { ProposalTally } from "@/db/schema";
import type { Stance } from "./stances";

/** The API's tally: {"counts":{"-2":n,"-1":n,"0":n,"1":n,"2":n},"total":n}. */
export interface Tally {
  counts: Record<"-2" | "-1" | "0" | "1" | "2", number>;
  total: number;
}

/** Tally columns by stance, in one place: the vote transaction and the readers use the same map. */
export const TALLY_COLUMN = {
  [-2]: "stronglyOppose",
  [-1]: "oppose",
  0: "unsure",
  1: "support",
  2: "stronglySupport",
} as const satisfies Record<Stance, keyof ProposalTally>;

export const EMPTY_TALLY: Tally = { counts: { "-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0 }, total: 0 };

export function toTally(row: Pick<ProposalTally, "stronglyOppose" | "oppose" | "unsure" | "support" | "stronglySupport"> | null | undefined): Tally {
  if (!row) return EMPTY_TALLY;
  const counts = { "-2": row.stronglyOppose, "-1": row.oppose, "0": row.unsure, "1": row.support, "2": row.stronglySupport };
  return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}
