import type { TrendPoint } from "@/lib/results/trend";
import { formatPercent } from "@/lib/stats/format";

const WIDTH = 600;
const HEIGHT = 160;
const PAD = { top: 10, right: 10, bottom: 22, left: 36 };

/**
 * Support share at the end of each day, with its 95% interval as a band: an SVG drawn on the server.
 * The table under it carries the same numbers for screen readers and for anyone who prefers digits.
 */
export function TrendChart({ points, title }: { points: TrendPoint[]; title: string }) {
  const shown = points.filter((point) => point.support !== null);
  if (shown.length === 0) return <p className="muted">No votes yet, so no trend.</p>;
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (shown.length === 1 ? innerWidth / 2 : (i / (shown.length - 1)) * innerWidth);
  const y = (share: number) => PAD.top + (1 - share) * innerHeight;
  const line = shown.map((point, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(point.support!).toFixed(1)}`).join(" ");
  const band =
    shown.map((point, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(point.supportHigh!).toFixed(1)}`).join(" ") +
    " " +
    [...shown].reverse().map((point, i) => `L${x(shown.length - 1 - i).toFixed(1)},${y(point.supportLow!).toFixed(1)}`).join(" ") +
    " Z";
  return (
    <figure className="chart trend-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`${title}: support share by day, latest ${formatPercent(shown.at(-1)!.support!)}`}>
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line className="chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(share)} y2={y(share)} />
            <text className="chart-label" x={PAD.left - 6} y={y(share) + 4} textAnchor="end">
              {formatPercent(share)}
            </text>
          </g>
        ))}
        <path className="chart-band" d={band} />
        <path className="chart-line" d={line} fill="none" />
        {shown.map((point, i) => (
          <circle key={point.day} className="chart-dot" cx={x(i)} cy={y(point.support!)} r={3} />
        ))}
        <text className="chart-label" x={PAD.left} y={HEIGHT - 4}>
          {shown[0]!.day}
        </text>
        {shown.length > 1 && (
          <text className="chart-label" x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end">
            {shown.at(-1)!.day}
          </text>
        )}
      </svg>
      <details className="chart-table">
        <summary>Trend as a table</summary>
        <table className="data-table">
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
                <td>{formatPercent(point.support!)}</td>
                <td>
                  {formatPercent(point.supportLow!)}–{formatPercent(point.supportHigh!)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
