import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { MIN_RELIABLE_N } from "@/lib/stats/format";
import { SnapshotSection } from "./snapshot-section";

/** Never changes: made into HTML once, so React serializes one string instead of its elements (see static-html.ts). */
const NOTE_HTML = toHtml([
  h("h2#method-title", "How to read these numbers"),
  h("ul", [
    h("li", [
      h("strong", "Support"),
      " counts “Support” and “Strongly support”; ",
      h("strong", "oppose"),
      " counts the two opposing stances. Each share comes with a 95% ",
      h("em", "Wilson"),
      " interval: the range of shares that are consistent with these votes. Narrow intervals need many voters.",
    ]),
    h("li", [
      "The ",
      h("strong", "mean stance"),
      " scores stances from −2 (strongly oppose) to +2 (strongly support); its interval uses Student’s t distribution.",
    ]),
    h("li", `Below ${MIN_RELIABLE_N} voters we still show the numbers, but flag them as too uncertain to read much into.`),
    h("li", [
      h("strong", "Readers choose themselves."),
      " These are the views of people who read the essay and chose to vote — not a random sample of any population. The intervals describe sampling noise, not this bias.",
    ]),
  ]),
]);

/** "How to read these numbers": the method, and the caveat that matters most (self-selection). */
export function MethodNote() {
  return <SnapshotSection className="method-note" aria-labelledby="method-title" html={NOTE_HTML} />;
}
