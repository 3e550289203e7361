import type { ProposalTally } from "@/db/schema";

/** The API's tally: {"counts":{"-2":n,"-1":n,"0":n,"1":n,"2":n},"total":n}. */
export interface Tally {
  counts: Record<"-2" | "-1" | "0" | "1" | "2", number>;
  total: number;
}

export const EMPTY_TALLY: Tally = { counts: { "-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0 }, total: 0 };

export function toTally(row: Pick<ProposalTally, "stronglyOppose" | "oppose" | "unsure" | "support" | "stronglySupport"> | null | undefined): Tally {
  if (!row) return EMPTY_TALLY;
  const counts = { "-2": row.stronglyOppose, "-1": row.oppose, "0": row.unsure, "1": row.support, "2": row.stronglySupport };
  return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}
