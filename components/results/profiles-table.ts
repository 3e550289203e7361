import type { Element } from "hast";
import { h } from "hastscript";
import type { Results } from "@/lib/results/load-results";
import { formatPercent } from "@/lib/stats/format";

const SIDE_WORDS = { support: "Supports", unsure: "Unsure", oppose: "Opposes" } as const;

/** Opinion profiles: the combinations of sides readers take across all proposals, most common first. */
export function profilesTable(profiles: Results["profiles"], titles: Map<string, string>): Element {
  if (profiles.readers === 0) return h("p.muted", "No reader has voted on every proposal yet.");
  const ids = [...titles.keys()];
  return h("table.data-table", { "data-testid": "profiles-table" }, [
    h("caption", `Opinion profiles of the ${profiles.readers} readers who voted on every proposal`),
    h(
      "thead",
      h("tr", [...ids.map((id) => h("th", { scope: "col" }, titles.get(id))), h("th", { scope: "col" }, "Readers"), h("th", { scope: "col" }, "Share")]),
    ),
    h(
      "tbody",
      profiles.profiles.map((profile) =>
        h("tr", [
          ...ids.map((id) => h("td", profile.sides[id] ? SIDE_WORDS[profile.sides[id]] : "—")),
          h("td", String(profile.count)),
          h("td", formatPercent(profile.share)),
        ]),
      ),
    ),
  ]);
}
