import type { Element } from "hast";
import { h } from "hastscript";
import type { ProposalResults } from "@/lib/results/load-results";
import { formatPercent } from "@/lib/stats/format";

const interval = (low: number, high: number) => `${formatPercent(low)}–${formatPercent(high)}`;
const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

/** A proposal's voters, support, opposition and mean stance, each with its 95% interval; null before any vote. */
export function resultFigures(result: ProposalResults): Element | null {
  const { support, oppose, mean } = result;
  if (!support || !oppose || !mean) return null;
  const figure = (term: string, estimate: string, range: string) => h("div", [h("dt", term), h("dd", [`${estimate} `, h("span.muted", `(95% CI ${range})`)])]);
  return h("dl.result-figures", [
    h("div", [h("dt", "Voters"), h("dd", { "data-testid": "result-n" }, String(result.n))]),
    figure("Support", formatPercent(support.estimate), interval(support.low, support.high)),
    figure("Oppose", formatPercent(oppose.estimate), interval(oppose.low, oppose.high)),
    figure("Mean stance (−2 to +2)", signed(mean.mean), `${signed(mean.low)} to ${signed(mean.high)}`),
  ]);
}
