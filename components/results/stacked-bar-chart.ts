import type { Element } from "hast";
import { h, s } from "hastscript";
import { STANCE_LABELS, STANCES } from "@/lib/votes/stances";
import type { Tally } from "@/lib/votes/tally";

const WIDTH = 600;
const HEIGHT = 28;
// A hundredth of a viewBox unit is far below a pixel; more digits only make the page longer.
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The distribution over the five stances as a server-rendered SVG stacked bar. Colours come from CSS
 * (light and dark); the SVG is decorative for assistive technology, which reads the table beside it.
 */
export function stackedBarChart(tally: Tally, caption: string): Element {
  const count = (stance: number) => tally.counts[String(stance) as keyof Tally["counts"]];
  let x = 0;
  const fills =
    tally.total === 0
      ? []
      : STANCES.map((stance) => {
          const width = round((count(stance) / tally.total) * WIDTH);
          const rect = s("rect", { class: `stance-fill-${stance + 2}`, x, y: 0, width, height: HEIGHT });
          x = round(x + width);
          return rect;
        });
  return h("figure.chart", [
    s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: "100%", height: HEIGHT, role: "img", "aria-label": caption, preserveAspectRatio: "none" }, [
      s("rect", { class: "chart-empty", x: 0, y: 0, width: WIDTH, height: HEIGHT, rx: 4 }),
      ...fills,
    ]),
    h("table.data-table.stance-table", [
      h("caption.visually-hidden", caption),
      h(
        "thead",
        h(
          "tr",
          STANCES.map((stance) => h("th", { scope: "col" }, [h("span", { class: `swatch stance-${stance}`, "aria-hidden": "true" }), STANCE_LABELS[stance]])),
        ),
      ),
      h(
        "tbody",
        h(
          "tr",
          STANCES.map((stance) =>
            h("td", [`${count(stance)} `, h("span.muted", `(${tally.total === 0 ? 0 : Math.round((count(stance) / tally.total) * 100)}%)`)]),
          ),
        ),
      ),
    ]),
  ]);
}
