import type { Element } from "hast";
import { h } from "hastscript";
import type { PairAgreement } from "@/lib/results/load-results";
import { formatPercent } from "@/lib/stats/format";

/** For each pair of proposals, among readers who voted on both: same side how often, and correlation. */
export function agreementTable(pairs: PairAgreement[], titles: Map<string, string>): Element {
  const title = (id: string) => titles.get(id) ?? id;
  return h("table.data-table", { "data-testid": "agreement-table" }, [
    h("caption", "How readers’ stances on one proposal relate to another (readers who voted on both)"),
    h(
      "thead",
      h(
        "tr",
        ["Proposals", "Readers", "Same side", "Correlation (r)"].map((label) => h("th", { scope: "col" }, label)),
      ),
    ),
    h(
      "tbody",
      pairs.map((pair) =>
        h("tr", [
          h("th", { scope: "row" }, `${title(pair.a)} × ${title(pair.b)}`),
          h("td", String(pair.n)),
          h("td", pair.sameSide === null ? "—" : formatPercent(pair.sameSide)),
          h("td", pair.correlation === null ? "—" : pair.correlation.toFixed(2)),
        ]),
      ),
    ),
  ]);
}
