import type { Element } from "hast";
import { h } from "hastscript";
import type { Results } from "@/lib/results/load-results";

/** Comments and distinct participants per section, most discussed marked. */
export function activityTable(activity: Results["activity"]): Element {
  const top = new Set(activity.mostDiscussed);
  return h("table.data-table", { "data-testid": "activity-table" }, [
    h("caption", "Discussion by section"),
    h(
      "thead",
      h(
        "tr",
        ["Section", "Comments", "Participants"].map((label) => h("th", { scope: "col" }, label)),
      ),
    ),
    h(
      "tbody",
      activity.sections.map((section) =>
        h("tr", [
          h("th", { scope: "row" }, [
            h("a", { href: `/sections/${section.id}` }, section.title),
            // A space before the badge, or the title's last word and the badge cannot wrap apart.
            ...(top.has(section.id) ? [" ", h("span.badge", "most discussed")] : []),
          ]),
          h("td", String(section.commentCount)),
          h("td", String(section.participants)),
        ]),
      ),
    ),
  ]);
}
