import type { Nodes, Root } from "mdast";
import type { Extension as FromMarkdownExtension } from "mdast-util-from-markdown";
import { classifyCharacter } from "micromark-util-classify-character";

/**
 * What a comment's Markdown may use, so that rendering it stays cheap and shallow whatever a reader
 * writes. The parser (micromark) and every tree walk after it (mdast → hast → sanitize → HTML) recurse
 * once per nesting level, and micromark's own work grows with the square of some counts (each closing
 * emphasis mark or bracket looks back over the paragraph; each nested quote or list re-checks the ones
 * around it). Two checks bound both, and the renderer and the write validation share them:
 *
 * 1. before parsing, one pass over the source (`sourceLimitExceeded`) bounds the counts that make the
 *    parser's work superlinear: container markers opening a line, closing emphasis marks, `]`;
 * 2. after parsing, before anything recursive walks the tree, an iterative walk (`nestingGuard`) refuses
 *    a tree nesting quotes, lists, emphasis and links more than MAX_NESTING levels deep.
 *
 * Everything after that recurses at most ~2 × MAX_NESTING deep, and parses in time linear in the body
 * (at most ~MAX_EMPHASIS_MARKS + MAX_CLOSING_BRACKETS look-backs over it).
 */

/** Quotes, lists, emphasis, strikethrough, links and footnotes, nested in each other, counted together. */
export const MAX_NESTING = 32;
/** Closing emphasis marks: `*`, `_`, `~` written right after a non-space (`**bold**` has 2). */
export const MAX_EMPHASIS_MARKS = 256;
/** `]`: every link, image, footnote and checkbox has one. */
export const MAX_CLOSING_BRACKETS = 128;
/** `<!` and `<?`: an unclosed HTML comment, declaration or instruction is looked for to the paragraph's end. */
export const MAX_HTML_OPENERS = 64;
/**
 * List items, footnote definitions and quote markers that may open a quote (a line whose `>` prefix is
 * the same as the line before only continues it), all lines together: closing a container re-copies
 * all the parser's events so far.
 */
export const MAX_BLOCK_MARKERS = 256;
/** Lines of only `=` or `-` (each may underline a setext heading, which also re-copies every event). */
export const MAX_HEADING_UNDERLINES = 32;
/** Container markers (and every 2 columns of indentation) before a line's text: a cost bound, twice the nesting. */
const MAX_LINE_CONTAINERS = 2 * MAX_NESTING;

export type MarkdownLimit = "nesting" | "blocks" | "headings" | "emphasis" | "brackets" | "html";

export const MARKDOWN_LIMIT_MESSAGES: Record<MarkdownLimit, string> = {
  nesting: `Quotes, lists, emphasis and links can be nested at most ${MAX_NESTING} levels deep.`,
  blocks: `A comment can have at most ${MAX_BLOCK_MARKERS} list items and quotes.`,
  headings: `A comment can have at most ${MAX_HEADING_UNDERLINES} lines of only "===" or "---" (heading underlines).`,
  emphasis: `A comment can close at most ${MAX_EMPHASIS_MARKS} emphasis marks (*, _ or ~).`,
  brackets: `A comment can have at most ${MAX_CLOSING_BRACKETS} closing brackets (links, images, footnotes).`,
  html: `A comment can have at most ${MAX_HTML_OPENERS} "<!" or "<?" (HTML is shown as text anyway).`,
};

/** Thrown by the renderer for a body over a limit; the write validation refuses the same bodies. */
export class MarkdownLimitError extends Error {
  constructor(readonly limit: MarkdownLimit) {
    super(MARKDOWN_LIMIT_MESSAGES[limit]);
    this.name = "MarkdownLimitError";
  }
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const ASTERISK = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const RIGHT_PAREN = 41;
const BANG = 33;
const COLON = 58;
const LESS = 60;
const QUESTION = 63;
const EQUALS = 61;
const GREATER = 62;
const LEFT_BRACKET = 91;
const BACKSLASH = 92;
const RIGHT_BRACKET = 93;
const CARET = 94;
const UNDERSCORE = 95;
const TILDE = 126;
const WHITESPACE = 1;

/**
 * The first limit the source is over, or null: one pass, each character read at most twice. Counts
 * over-approximate what the parser sees (a `*` in code counts too), never under.
 */
export function sourceLimitExceeded(source: string): MarkdownLimit | null {
  let emphasis = 0;
  let brackets = 0;
  let html = 0;
  let blocks = 0;
  let underlines = 0;
  let previousQuotePrefix = "";
  let lineStart = true;
  for (let index = 0; index < source.length;) {
    if (lineStart) {
      const line = lineContainers(source, index);
      if (line.markers + Math.floor(line.columns / 2) > MAX_LINE_CONTAINERS) return "nesting";
      // Only `>` and whitespace, exactly as on the line before: the same quotes go on, none opens.
      const quotePrefix = line.onlyQuotes ? source.slice(index, line.end) : "";
      if (quotePrefix === "" || quotePrefix !== previousQuotePrefix) blocks += line.markers;
      previousQuotePrefix = quotePrefix;
      if (blocks > MAX_BLOCK_MARKERS) return "blocks";
      if (line.underline && ++underlines > MAX_HEADING_UNDERLINES) return "headings";
    }
    const code = source.charCodeAt(index);
    lineStart = code === LF || (code === CR && source.charCodeAt(index + 1) !== LF);
    if (code === ASTERISK || code === UNDERSCORE || code === TILDE) {
      let end = index + 1;
      while (source.charCodeAt(end) === code) end++;
      if (mayClose(source, index, end, code)) emphasis += end - index;
      if (emphasis > MAX_EMPHASIS_MARKS) return "emphasis";
      index = end;
      continue;
    }
    if (code === RIGHT_BRACKET && ++brackets > MAX_CLOSING_BRACKETS) return "brackets";
    if (code === LESS && (source.charCodeAt(index + 1) === BANG || source.charCodeAt(index + 1) === QUESTION) && ++html > MAX_HTML_OPENERS) return "html";
    index++;
  }
  return null;
}

/**
 * Whether a run of `marker` from `start` to `end` could close emphasis or strikethrough, by the flanking
 * rules micromark applies (lib/attention.js in micromark-core-commonmark): never after whitespace or at
 * the start; `_` never between two word characters.
 */
function mayClose(source: string, start: number, end: number, marker: number): boolean {
  const before = classifyCharacter(start > 0 ? source.charCodeAt(start - 1) : null);
  if (before === WHITESPACE) return false;
  if (marker !== UNDERSCORE || before !== undefined) return true;
  return classifyCharacter(end < source.length ? source.charCodeAt(end) : null) !== undefined;
}

/**
 * The container markers opening a line (`>`, list markers, footnote labels), in any order and with any
 * whitespace between, and the columns of that whitespace. Bounds what the line opens or continues: its
 * markers plus one per two columns (a list item needs at least two to continue). A line with no marker
 * opens nothing, so it counts 0: deep indentation in code costs nothing.
 */
function lineContainers(source: string, start: number): { markers: number; columns: number; onlyQuotes: boolean; end: number; underline: boolean } {
  let markers = 0;
  let onlyQuotes = true;
  let columns = 0;
  let index = start;
  for (;;) {
    const code = source.charCodeAt(index);
    if (code === SPACE || code === TAB) {
      columns += code === TAB ? 4 : 1;
      index++;
    } else if (code === GREATER) {
      markers++;
      index++;
    } else if ((code === DASH || code === PLUS || code === ASTERISK) && spaceOrEnd(source, index + 1)) {
      markers++;
      onlyQuotes = false;
      index++;
    } else {
      const next = orderedMarkerEnd(source, index) ?? footnoteLabelEnd(source, index);
      if (next === null) break;
      markers++;
      onlyQuotes = false;
      index = next;
    }
  }
  return { markers, columns: markers === 0 ? 0 : columns, onlyQuotes: onlyQuotes && markers > 0, end: index, underline: isUnderline(source, index) };
}

/** A line (after its container prefix) of only `=` or only `-`, then whitespace: a setext heading underline, maybe. */
function isUnderline(source: string, start: number): boolean {
  const marker = source.charCodeAt(start);
  if (marker !== EQUALS && marker !== DASH) return false;
  let index = start;
  while (source.charCodeAt(index) === marker) index++;
  while (source.charCodeAt(index) === SPACE || source.charCodeAt(index) === TAB) index++;
  return index >= source.length || source.charCodeAt(index) === LF || source.charCodeAt(index) === CR;
}

const spaceOrEnd = (source: string, index: number) => {
  const code = source.charCodeAt(index);
  return Number.isNaN(code) || code === SPACE || code === TAB || code === LF || code === CR;
};

/** After `1.` or `1)` (up to 9 digits, as CommonMark allows) followed by a space or the line's end. */
function orderedMarkerEnd(source: string, start: number): number | null {
  let index = start;
  while (index - start < 9 && source.charCodeAt(index) >= 48 && source.charCodeAt(index) <= 57) index++;
  const code = source.charCodeAt(index);
  return index > start && (code === DOT || code === RIGHT_PAREN) && spaceOrEnd(source, index + 1) ? index + 1 : null;
}

/**
 * After `[^label]:`, a footnote definition. As GFM reads the label (micromark-extension-gfm-footnote):
 * no whitespace or `[`, a backslash escapes the next character; so it ends on its line.
 */
function footnoteLabelEnd(source: string, start: number): number | null {
  if (source.charCodeAt(start) !== LEFT_BRACKET || source.charCodeAt(start + 1) !== CARET) return null;
  for (let index = start + 2; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === LEFT_BRACKET || classifyCharacter(code) === WHITESPACE) return null;
    if (code === BACKSLASH) index++;
    else if (code === RIGHT_BRACKET) return source.charCodeAt(index + 1) === COLON ? index + 2 : null;
  }
  return null;
}

const NESTING_TYPES = new Set<Nodes["type"]>(["blockquote", "list", "footnoteDefinition", "emphasis", "strong", "delete", "link", "linkReference"]);

/** The deepest nesting of quotes, lists, emphasis and links in the tree: iterative, one visit per node. */
export function nestingDepth(tree: Root): number {
  let deepest = 0;
  const stack: [Nodes, number][] = [[tree, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, outer] = entry;
    const depth = outer + (NESTING_TYPES.has(node.type) ? 1 : 0);
    deepest = Math.max(deepest, depth);
    if ("children" in node) for (const child of node.children) stack.push([child, depth]);
  }
  return deepest;
}

/**
 * An mdast-util-from-markdown extension whose transform runs first (list it before the others): the
 * parser builds the tree with an explicit stack, and this refuses it before any recursive transform.
 */
export const nestingGuard: FromMarkdownExtension = {
  transforms: [
    (tree) => {
      if (nestingDepth(tree) > MAX_NESTING) throw new MarkdownLimitError("nesting");
    },
  ],
};
