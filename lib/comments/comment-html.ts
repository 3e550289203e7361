import { createHash } from "node:crypto";
import type { ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { renderCommentMarkdown } from "./markdown";
import { MarkdownLimitError } from "./markdown-limits";

/**
 * A comment body → the HTML every view shows, never throwing: one comment whose Markdown cannot be
 * rendered (a row stored before today's limits, or a renderer bug) is shown as escaped plain text and
 * logged once, instead of failing the page, the list or the API for every reader.
 */

/**
 * Rendering is most of the cost of a page of threads (~0.2 ms a comment, ten times the SQL), and
 * the same bodies are rendered on every view: keep the latest results, up to a budget of characters.
 * A pure function's memo, so instances still share nothing. Kept on globalThis, with the bodies
 * already logged: a production build loads this module once for the pages and once for the API.
 */
const CACHE_BUDGET_CHARACTERS = 4_000_000;
const MAX_LOGGED = 1000;

interface RenderMemo {
  rendered: Map<string, string>;
  characters: number;
  /** Digests of the bodies shown as plain text, logged already. */
  logged: Set<string>;
}

const memoKey = Symbol.for("agora.commentHtml");
const memo: RenderMemo = ((globalThis as { [memoKey]?: RenderMemo })[memoKey] ??= { rendered: new Map(), characters: 0, logged: new Set() });
const { rendered, logged } = memo;

export function commentHtml(body: string, commentId?: number): string {
  const hit = rendered.get(body);
  if (hit !== undefined) {
    rendered.delete(body); // most recently used goes last
    rendered.set(body, hit);
    return hit;
  }
  let html: string;
  try {
    html = renderCommentMarkdown(body);
  } catch (error) {
    logOnce(body, commentId, error);
    html = plainTextHtml(body);
  }
  remember(body, html);
  return html;
}

/**
 * Why a body cannot be rendered as Markdown (the message for its author), or null when it can: the
 * write validation's check, so nothing is stored that would only show as plain text.
 */
export function commentMarkdownProblem(body: string): string | null {
  try {
    remember(body, renderCommentMarkdown(body));
    return null;
  } catch (error) {
    return error instanceof MarkdownLimitError ? error.message : "This comment's Markdown could not be rendered.";
  }
}

function remember(body: string, html: string): void {
  if (rendered.has(body)) return;
  rendered.set(body, html);
  memo.characters += body.length + html.length;
  for (const [oldest, value] of rendered) {
    if (memo.characters <= CACHE_BUDGET_CHARACTERS) break;
    rendered.delete(oldest);
    memo.characters -= oldest.length + value.length;
  }
}

/** The body as text: a paragraph per blank-line-separated block, a line break per newline, all escaped. */
export function plainTextHtml(body: string): string {
  const paragraphs = body
    .split(/\r?\n(?:[ \t]*\r?\n)+/)
    .filter((block) => block.trim() !== "")
    .map((block) => ({
      type: "element" as const,
      tagName: "p",
      properties: {},
      children: block
        .split(/\r?\n/)
        .flatMap((line, index): ElementContent[] => [
          ...(index > 0 ? [{ type: "element" as const, tagName: "br", properties: {}, children: [] }] : []),
          { type: "text" as const, value: line },
        ]),
    }));
  const root: Root = { type: "root", children: paragraphs };
  return toHtml(root);
}

/**
 * Once per body per process (a hash of it, not the text: it may be long or personal), however often
 * it is viewed; bounded, the oldest forgotten first.
 */
function logOnce(body: string, commentId: number | undefined, error: unknown): void {
  const digest = createHash("sha256").update(body).digest("hex").slice(0, 16);
  if (logged.has(digest)) return;
  if (logged.size >= MAX_LOGGED) logged.delete(logged.values().next().value!);
  logged.add(digest);
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[comments] comment ${commentId ?? "?"} (body ${digest}, ${body.length} characters) is shown as plain text: ${reason}`);
}
