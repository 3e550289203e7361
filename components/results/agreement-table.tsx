import type { PairAgreement } from "@/lib/results/load-results";
import { formatPercent } from "@/lib/stats/format";

/** For each pair of proposals, among readers who voted on both: same side how often, and correlation. */
export function AgreementTable({ pairs, titles }: { pairs: PairAgreement[]; titles: Map<string, string> }) {
  return (
    <table className="data-table" data-testid="agreement-table">
      <caption>How readers’ stances on one proposal relate to another (readers who voted on both)</caption>
      <thead>
        <tr>
          <th scope="col">Proposals</th>
          <th scope="col">Readers</th>
          <th scope="col">Same side</th>
          <th scope="col">Correlation (r)</th>
        </tr>
      </thead>
      <tbody>
        {pairs.map((pair) => (
          <tr key={`${pair.a}|${pair.b}`}>
            <th scope="row">
              {titles.get(pair.a) ?? pair.a} × {titles.get(pair.b) ?? pair.b}
            </th>
            <td>{pair.n}</td>
            <td>{pair.sameSide === null ? "—" : formatPercent(pair.sameSide)}</td>
            <td>{pair.correlation === null ? "—" : pair.correlation.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
