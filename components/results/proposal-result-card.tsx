import Link from "next/link";
import type { ProposalResults } from "@/lib/results/load-results";
import { TrendChart } from "./trend-chart";
import { formatPercent, MIN_RELIABLE_N } from "@/lib/stats/format";
import { StackedBarChart } from "./stacked-bar-chart";

const interval = (low: number, high: number) => `${formatPercent(low)}–${formatPercent(high)}`;
const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

export function ProposalResultCard({ result }: { result: ProposalResults }) {
  return (
    <section className="result-card" aria-labelledby={`result-${result.id}`} data-result-id={result.id}>
      <h2 id={`result-${result.id}`}>
        <Link href={`/proposals/${result.id}`}>{result.title}</Link>
      </h2>
      <p className="result-sentence" data-testid="result-sentence">
        {result.sentence ?? "No votes yet."}
      </p>
      {result.tooUncertain && result.n > 0 && (
        <p className="uncertain-note">
          Too uncertain to read much into yet: with fewer than {MIN_RELIABLE_N} voters the intervals below are very wide.
        </p>
      )}
      <StackedBarChart tally={result.tally} caption={`How ${result.n} readers voted on “${result.title}”`} />
      {result.support && result.oppose && result.mean && (
        <dl className="result-figures">
          <div>
            <dt>Voters</dt>
            <dd data-testid="result-n">{result.n}</dd>
          </div>
          <div>
            <dt>Support</dt>
            <dd>
              {formatPercent(result.support.estimate)} <span className="muted">(95% CI {interval(result.support.low, result.support.high)})</span>
            </dd>
          </div>
          <div>
            <dt>Oppose</dt>
            <dd>
              {formatPercent(result.oppose.estimate)} <span className="muted">(95% CI {interval(result.oppose.low, result.oppose.high)})</span>
            </dd>
          </div>
          <div>
            <dt>Mean stance (−2 to +2)</dt>
            <dd>
              {signed(result.mean.mean)} <span className="muted">(95% CI {signed(result.mean.low)} to {signed(result.mean.high)})</span>
            </dd>
          </div>
        </dl>
      )}
      <h3 className="result-subhead">Support over time</h3>
      <TrendChart id={result.id} points={result.trend} title={result.title} />
      <p className="result-changes" data-testid="result-changes">
        {result.changes.changedReaders === 0
          ? "No current voter has changed their stance since their first vote."
          : `${result.changes.changedReaders} current ${result.changes.changedReaders === 1 ? "voter has" : "voters have"} changed their stance since their first vote: ${result.changes.towardSupport} toward support, ${result.changes.towardOppose} toward opposition.`}
      </p>
    </section>
  );
}
