import { h } from "hastscript";
import type { ProposalResults } from "@/lib/results/load-results";
import { MIN_RELIABLE_N } from "@/lib/stats/format";
import { resultFigures } from "./result-figures";
import { SnapshotSection } from "./snapshot-section";
import { stackedBarChart } from "./stacked-bar-chart";
import { snapshotHtml } from "./static-html";
import { trendChart } from "./trend-chart";

/** One proposal's results: headline sentence, distribution, figures with intervals, trend, changes of mind. */
export function ProposalResultCard({ result }: { result: ProposalResults }) {
  return (
    <SnapshotSection
      className="result-card"
      aria-labelledby={`result-${result.id}`}
      data-result-id={result.id}
      html={snapshotHtml(result, "card", () => card(result))}
    />
  );
}

function card(result: ProposalResults) {
  const { changedReaders, towardSupport, towardOppose } = result.changes;
  return [
    h("h2", { id: `result-${result.id}` }, h("a", { href: `/proposals/${result.id}` }, result.title)),
    h("p.result-sentence", { "data-testid": "result-sentence" }, result.sentence ?? "No votes yet."),
    result.tooUncertain && result.n > 0
      ? h("p.uncertain-note", `Too uncertain to read much into yet: with fewer than ${MIN_RELIABLE_N} voters the intervals below are very wide.`)
      : null,
    stackedBarChart(result.tally, `How ${result.n} readers voted on “${result.title}”`),
    resultFigures(result),
    h("h3.result-subhead", "Support over time"),
    trendChart(result.id, result.trend, result.title),
    h(
      "p.result-changes",
      { "data-testid": "result-changes" },
      changedReaders === 0
        ? "No current voter has changed their stance since their first vote."
        : `${changedReaders} current ${changedReaders === 1 ? "voter has" : "voters have"} changed their stance since their first vote: ${towardSupport} toward support, ${towardOppose} toward opposition.`,
    ),
  ].filter((node) => node !== null);
}
