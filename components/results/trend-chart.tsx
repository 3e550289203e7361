import Link from "next/link";
import { isMeasured, type MeasuredPoint, type TrendPoint } from "@/lib/results/trend";
import { formatPercent } from "@/lib/stats/format";

const WIDTH = 600;
const HEIGHT = 160;
const PAD = { top: 10, right: 10, bottom: 22, left: 36 };

const withInterval = (point: MeasuredPoint) => `${formatPercent(point.support)} (${formatPercent(point.supportLow)}–${formatPercent(point.supportHigh)}, n = ${point.n})`;

/**
 * Support share at the end of each day, with its 95% interval as a band: an SVG drawn on the server,
 * with its numbers in words beside it. The day-by-day table lives on /results/trends: it grows by a
 * row a day, and /results should cost the same in its third month as on its first day.
 */
export function TrendChart({ id, points, title }: { id: string; points: TrendPoint[]; title: string }) {
  const shown = points.filter(isMeasured);
  if (shown.length === 0) return <p className="muted">No votes yet, so no trend.</p>;
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => (PAD.left + (shown.length === 1 ? innerWidth / 2 : (i / (shown.length - 1)) * innerWidth)).toFixed(1);
  const y = (share: number) => (PAD.top + (1 - share) * innerHeight).toFixed(1);
  const line = shown.map((point, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(point.support)}`).join(" ");
  const band =
    shown.map((point, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(point.supportHigh)}`).join(" ") +
    " " +
    [...shown].reverse().map((point, i) => `L${x(shown.length - 1 - i)},${y(point.supportLow)}`).join(" ") +
    " Z";
  // One path of zero-length strokes with round caps draws every day's dot: one element, not one per day.
  const dots = shown.map((point, i) => `M${x(i)},${y(point.support)}h0`).join(" ");
  const first = shown[0]!;
  const latest = shown.at(-1)!;
  const lowest = shown.reduce((low, point) => (point.support < low.support ? point : low));
  const highest = shown.reduce((high, point) => (point.support > high.support ? point : high));
  return (
    <figure className="chart trend-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`${title}: support share by day, latest ${formatPercent(latest.support)}`}>
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line className="chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(share)} y2={y(share)} />
            <text className="chart-label" x={PAD.left - 6} y={Number(y(share)) + 4} textAnchor="end">
              {formatPercent(share)}
            </text>
          </g>
        ))}
        <path className="chart-band" d={band} />
        <path className="chart-line" d={line} fill="none" />
        <path className="chart-dots" d={dots} />
        <text className="chart-label" x={PAD.left} y={HEIGHT - 4}>
          {first.day}
        </text>
        {shown.length > 1 && (
          <text className="chart-label" x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end">
            {latest.day}
          </text>
        )}
      </svg>
      <figcaption className="chart-summary" data-testid="trend-summary">
        {shown.length === 1
          ? `On ${latest.day}: ${withInterval(latest)}.`
          : `From ${withInterval(first)} on ${first.day} to ${withInterval(latest)} on ${latest.day}; lowest ${formatPercent(lowest.support)} on ${lowest.day}, highest ${formatPercent(highest.support)} on ${highest.day}.`}{" "}
        <Link href={`/results/trends#trend-${id}`}>Every day as a table</Link>
      </figcaption>
    </figure>
  );
}
