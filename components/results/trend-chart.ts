import type { Element } from "hast";
import { h, s } from "hastscript";
import { isMeasured, type MeasuredPoint, type TrendPoint } from "@/lib/results/trend";
import { formatPercent } from "@/lib/stats/format";

const WIDTH = 600;
const HEIGHT = 160;
const PAD = { top: 10, right: 10, bottom: 22, left: 36 };

const withInterval = (point: MeasuredPoint) =>
  `${formatPercent(point.support)} (${formatPercent(point.supportLow)}–${formatPercent(point.supportHigh)}, n = ${point.n})`;

/**
 * Support share at the end of each day, with its 95% interval as a band: an SVG drawn on the server,
 * with its numbers in words beside it. The day-by-day table lives on /results/trends: it grows by a
 * row a day, and /results should cost the same in its third month as on its first day.
 */
export function trendChart(id: string, points: TrendPoint[], title: string): Element {
  const shown = points.filter(isMeasured);
  if (shown.length === 0) return h("p.muted", "No votes yet, so no trend.");
  const first = shown[0]!;
  const latest = shown.at(-1)!;
  const lowest = shown.reduce((low, point) => (point.support < low.support ? point : low));
  const highest = shown.reduce((high, point) => (point.support > high.support ? point : high));
  const summary =
    shown.length === 1
      ? `On ${latest.day}: ${withInterval(latest)}.`
      : `From ${withInterval(first)} on ${first.day} to ${withInterval(latest)} on ${latest.day}; lowest ${formatPercent(lowest.support)} on ${lowest.day}, highest ${formatPercent(highest.support)} on ${highest.day}.`;
  return h("figure.chart.trend-chart", [
    s(
      "svg",
      {
        viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
        width: "100%",
        role: "img",
        "aria-label": `${title}: support share by day, latest ${formatPercent(latest.support)}`,
      },
      drawing(shown),
    ),
    h("figcaption.chart-summary", { "data-testid": "trend-summary" }, [`${summary} `, h("a", { href: `/results/trends#trend-${id}` }, "Every day as a table")]),
  ]);
}

/** The chart's shapes and labels: grid, interval band, line, dots, first and last day. */
function drawing(shown: MeasuredPoint[]): Element[] {
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => (PAD.left + (shown.length === 1 ? innerWidth / 2 : (i / (shown.length - 1)) * innerWidth)).toFixed(1);
  const y = (share: number) => (PAD.top + (1 - share) * innerHeight).toFixed(1);
  const line = shown.map((point, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(point.support)}`).join(" ");
  const band =
    shown.map((point, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(point.supportHigh)}`).join(" ") +
    " " +
    [...shown]
      .reverse()
      .map((point, i) => `L${x(shown.length - 1 - i)},${y(point.supportLow)}`)
      .join(" ") +
    " Z";
  // One path of zero-length strokes with round caps draws every day's dot: one element, not one per day.
  const dots = shown.map((point, i) => `M${x(i)},${y(point.support)}h0`).join(" ");
  const first = shown[0]!;
  const latest = shown.at(-1)!;
  return [
    ...[0, 0.5, 1].map((share) =>
      s("g", [
        s("line", { class: "chart-grid", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(share), y2: y(share) }),
        s("text", { class: "chart-label", x: PAD.left - 6, y: Number(y(share)) + 4, "text-anchor": "end" }, formatPercent(share)),
      ]),
    ),
    s("path", { class: "chart-band", d: band }),
    s("path", { class: "chart-line", d: line, fill: "none" }),
    s("path", { class: "chart-dots", d: dots }),
    s("text", { class: "chart-label", x: PAD.left, y: HEIGHT - 4 }, first.day),
    ...(shown.length > 1 ? [s("text", { class: "chart-label", x: WIDTH - PAD.right, y: HEIGHT - 4, "text-anchor": "end" }, latest.day)] : []),
  ];
}
