import { isMeasured, type TrendPoint } from "@/lib/results/trend";
import { formatPercent } from "@/lib/stats/format";

/** A trend chart's numbers, one row per day: the chart's data table. */
export function TrendTable({ points, title }: { points: TrendPoint[]; title: string }) {
  const shown = points.filter(isMeasured);
  if (shown.length === 0) return <p className="muted">No votes yet.</p>;
  return (
    <table className="data-table" data-testid="trend-table">
      <caption className="visually-hidden">{title}: support share at the end of each day</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Voters</th>
          <th scope="col">Support</th>
          <th scope="col">95% interval</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((point) => (
          <tr key={point.day}>
            <td>{point.day}</td>
            <td>{point.n}</td>
            <td>{formatPercent(point.support)}</td>
            <td>
              {formatPercent(point.supportLow)}–{formatPercent(point.supportHigh)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
