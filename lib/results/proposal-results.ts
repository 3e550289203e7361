import { MIN_RELIABLE_N, supportSentence } from "@/lib/stats/format";
import { meanInterval, type MeanInterval } from "@/lib/stats/mean-interval";
import { wilsonInterval, type ProportionInterval } from "@/lib/stats/wilson-interval";
import type { ProposalSummary } from "@/lib/votes/queries";
import type { Tally } from "@/lib/votes/tally";

export interface ProposalResult {
  id: string;
  title: string;
  summary: string;
  sectionId: string;
  n: number;
  tally: Tally;
  support: ProportionInterval | null;
  oppose: ProportionInterval | null;
  mean: MeanInterval | null;
  /** "62% support (55–68%), n = 190", or null without votes. */
  sentence: string | null;
  /** Below MIN_RELIABLE_N: shown, but flagged as too uncertain to read much into. */
  tooUncertain: boolean;
}

/** A proposal's result from its maintained tally: O(1) whatever the number of votes. */
export function proposalResult(proposal: Pick<ProposalSummary, "id" | "title" | "summary" | "sectionId" | "tally">): ProposalResult {
  const { counts, total: n } = proposal.tally;
  const support = wilsonInterval(counts["1"] + counts["2"], n);
  return {
    id: proposal.id,
    title: proposal.title,
    summary: proposal.summary,
    sectionId: proposal.sectionId,
    n,
    tally: proposal.tally,
    support,
    oppose: wilsonInterval(counts["-2"] + counts["-1"], n),
    mean: meanInterval({ [-2]: counts["-2"], [-1]: counts["-1"], 0: counts["0"], 1: counts["1"], 2: counts["2"] }),
    sentence: support ? supportSentence({ supportShare: support, n }) : null,
    tooUncertain: n < MIN_RELIABLE_N,
  };
}
