import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";

/**
 * /results is mostly figures and tables: hundreds of elements that change only when the results
 * snapshot does (at most once a second), yet React would serialize every one of them into the RSC
 * payload, parse that payload back and render it to HTML on every request — that, not the data, was
 * most of the page's cost. Its parts are therefore built as hast (escaped by hast-util-to-html, like
 * the essay's own HTML) once per snapshot and handed to React as one string each: a refresh replaces
 * a part only when its HTML changed. The element holding such a part carries `data-snapshot`, and
 * AutoRefresh waits while a reader's focus is inside one, so a refresh never takes the focus away.
 */
const built = new WeakMap<object, Map<string, string>>();

/**
 * The HTML of `build()`, made once per `owner` — an object of one results snapshot (a proposal's
 * tally, the agreement pairs…) — and `variant`, which must name every other input `build` reads.
 */
export function snapshotHtml(owner: object, variant: string, build: () => ElementContent | ElementContent[]): string {
  let variants = built.get(owner);
  if (!variants) built.set(owner, (variants = new Map()));
  let html = variants.get(variant);
  if (html === undefined) {
    const content = build();
    html = toHtml({ type: "root", children: Array.isArray(content) ? content : [content] });
    variants.set(variant, html);
  }
  return html;
}
