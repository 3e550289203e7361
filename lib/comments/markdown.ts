import type { Element, ElementContent, RootContent as HastContent, Root as HastRoot } from "hast";
import { sanitize, type Schema } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import type { BlockContent, DefinitionContent, ListItem, Paragraph, PhrasingContent, Root, RootContent, TableRow } from "mdast";
import { fromMarkdown, type Options as ParseOptions } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toHast } from "mdast-util-to-hast";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { MarkdownLimitError, nestingGuard, sourceLimitExceeded } from "./markdown-limits";

/**
 * Readers' Markdown → HTML that is safe to put in the page. Three layers, each enough on its own for
 * the worst cases:
 * 1. the Markdown tree is rebuilt from an allow-list of node types (raw HTML becomes visible text,
 *    images become their alt text, headings and tables become paragraphs, nesting is capped);
 * 2. links survive only with an absolute http:, https: or mailto: URL, and otherwise become text;
 * 3. hast-util-sanitize with a strict schema: a handful of tags, `href` and `start`, nothing else.
 * Before any of that, a body over the limits of ./markdown-limits.ts (nesting, and what makes parsing
 * cost more than linear time) is refused with a MarkdownLimitError: past them, the walks below recurse
 * at most ~2 × MAX_NESTING deep.
 */

/**
 * CommonMark + GFM, as remark-parse with remark-gfm parses it, but for two things:
 * - the nesting guard's transform runs first: it refuses a too-deep tree before the GFM transforms walk
 *   it recursively;
 * - GFM's autolink-literal *syntax* is left out: at every word after an unclosed `[` it walked back to
 *   that bracket, so one ":-[" made a long paragraph cost quadratic time. Bare URLs, www. addresses and
 *   e-mails are still linked, by the mdast transform in gfmFromMarkdown (regular expressions over the
 *   text nodes, linear); only URLs whose text Markdown would otherwise parse, like `www.a.org/*b*`, differ.
 * Exported for the tests that count the parser's work.
 */
export const COMMENT_SYNTAX = {
  extensions: [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()],
  mdastExtensions: [nestingGuard, gfmFromMarkdown()],
} satisfies ParseOptions;

/** Block quotes and lists nested deeper than this are flattened, so no comment can break the layout. */
const LAYOUT_NESTING = 6;

const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const LINK_REL = ["nofollow", "ugc", "noopener", "noreferrer"];

/** What hast-util-sanitize keeps; exported for the tests that re-sanitise the output. */
export const COMMENT_SCHEMA: Schema = {
  tagNames: ["p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"],
  attributes: { a: ["href"], ol: ["start"] },
  protocols: { href: ["http", "https", "mailto"] },
  ancestors: { li: ["ul", "ol"] },
  required: {},
  // No ids or names at all, so nothing to clobber and no prefix to add.
  clobber: [],
  clobberPrefix: "",
  strip: ["script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "textarea", "title"],
  allowComments: false,
  allowDoctypes: false,
};

/** The comment's HTML; throws a MarkdownLimitError for a body over the limits (and, on a bug, anything). */
export function renderCommentMarkdown(source: string): string {
  const limit = sourceLimitExceeded(source);
  if (limit) throw new MarkdownLimitError(limit);
  const tree = fromMarkdown(source, COMMENT_SYNTAX);
  const safeTree: Root = { type: "root", children: blocks(tree.children, 0) };
  const hast = toHast(safeTree) as HastRoot;
  hast.children = unwrapUnsafeLinks(hast.children) as HastContent[];
  const clean = sanitize(hast, COMMENT_SCHEMA) as HastRoot;
  addLinkRel(clean);
  return toHtml(clean).trim();
}

/** True for an absolute URL whose scheme is http, https or mailto (what a browser would also resolve). */
export function isAllowedLinkUrl(url: unknown): url is string {
  if (typeof url !== "string" || !/^(https?:\/\/|mailto:)/i.test(url) || !URL.canParse(url)) return false;
  return LINK_PROTOCOLS.has(new URL(url).protocol);
}

type Block = RootContent;

const text = (value: string): PhrasingContent => ({ type: "text", value });
const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: "paragraph", children });

function blocks(nodes: Block[], nesting: number): Block[] {
  return nodes.flatMap((node) => block(node, nesting));
}

function block(node: Block, nesting: number): Block[] {
  switch (node.type) {
    case "paragraph":
      return [paragraph(inline(node.children))];
    case "heading":
      return [paragraph([{ type: "strong", children: inline(node.children) }])];
    case "html":
      return [paragraph([text(node.value)])];
    case "code":
      return [{ type: "code", value: node.value }];
    case "thematicBreak":
    case "definition":
      return [node];
    case "blockquote":
      if (nesting >= LAYOUT_NESTING) return blocks(node.children, nesting);
      return [{ type: "blockquote", children: blocks(node.children, nesting + 1) as (BlockContent | DefinitionContent)[] }];
    case "list":
      if (nesting >= LAYOUT_NESTING) return node.children.flatMap((item) => listItemBlocks(item, nesting));
      return [
        {
          type: "list",
          ordered: node.ordered,
          start: node.ordered && Number.isSafeInteger(node.start) ? node.start : null,
          spread: node.spread,
          children: node.children.map((item): ListItem => ({
            type: "listItem",
            spread: item.spread,
            children: listItemBlocks(item, nesting + 1) as ListItem["children"],
          })),
        },
      ];
    case "listItem":
      return listItemBlocks(node, nesting);
    case "table":
      return node.children.map((row) => paragraph(tableRow(row)));
    case "footnoteDefinition":
      return [paragraph([text(`[^${node.label ?? node.identifier}]:`)]), ...blocks(node.children, nesting)];
    default:
      // Anything else (front matter, math, extensions added later) is left out rather than trusted.
      return [];
  }
}

/** A task-list item keeps its box as text: "[x] done" instead of a form control. */
function listItemBlocks(item: ListItem, nesting: number): Block[] {
  const children = blocks(item.children, nesting);
  if (typeof item.checked !== "boolean") return children;
  const box = text(item.checked ? "[x] " : "[ ] ");
  const [first, ...rest] = children;
  return first?.type === "paragraph" ? [paragraph([box, ...first.children]), ...rest] : [paragraph([box]), ...children];
}

function tableRow(row: TableRow): PhrasingContent[] {
  return row.children.flatMap((cell, index) => [...(index > 0 ? [text(" | ")] : []), ...inline(cell.children)]);
}

function inline(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    switch (node.type) {
      case "text":
      case "inlineCode":
      case "break":
        return [node];
      case "emphasis":
      case "strong":
      case "delete":
        return [{ type: node.type, children: inline(node.children) }];
      case "link":
        return [{ type: "link", url: node.url, children: inline(node.children) }];
      case "linkReference":
        return [{ type: "linkReference", identifier: node.identifier, label: node.label, referenceType: node.referenceType, children: inline(node.children) }];
      case "html":
        return [text(node.value)];
      case "image":
      case "imageReference":
        // No images: nothing a reader writes may make every other reader's browser fetch something.
        return node.alt ? [text(node.alt)] : [];
      case "footnoteReference":
        return [text(`[^${node.label ?? node.identifier}]`)];
      default:
        return [];
    }
  });
}

/** Links with any other target (javascript:, data:, relative, protocol-relative…) become their text. */
function unwrapUnsafeLinks(nodes: (HastContent | ElementContent)[]): (HastContent | ElementContent)[] {
  return nodes.flatMap((node): (HastContent | ElementContent)[] => {
    if (node.type !== "element") return [node];
    node.children = unwrapUnsafeLinks(node.children) as ElementContent[];
    if (node.tagName === "a" && !isAllowedLinkUrl(node.properties.href)) return node.children;
    return [node];
  });
}

function addLinkRel(node: HastRoot | Element): void {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "a") child.properties.rel = [...LINK_REL];
    addLinkRel(child);
  }
}
