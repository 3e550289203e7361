import type { Element, ElementContent, Root as HastRoot } from "hast";
import { toHtml } from "hast-util-to-html";
import type { Heading, PhrasingContent, Root, RootContent } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkGfm);

/** Headings at these depths start a new section; deeper ones stay inside their section. */
const SECTION_HEADING_MAX_DEPTH = 2;

export interface MarkdownSection {
  /** null for the text before the first heading. */
  heading: Heading | null;
  nodes: RootContent[];
}

export function parseMarkdown(source: string): Root {
  return parser.runSync(parser.parse(source)) as Root;
}

/** Splits an essay into the text before the first heading and one part per heading. */
export function splitIntoSections(tree: Root): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let current: MarkdownSection = { heading: null, nodes: [] };
  for (const node of tree.children) {
    if (node.type === "heading" && node.depth <= SECTION_HEADING_MAX_DEPTH) {
      if (current.heading || current.nodes.length > 0) sections.push(current);
      current = { heading: node, nodes: [] };
    } else {
      current.nodes.push(node);
    }
  }
  if (current.heading || current.nodes.length > 0) sections.push(current);
  return sections;
}

/** A heading as plain text, leaving out struck-through words ("~~Winner~~ Winners" → "Winners"). */
export function headingPlainText(heading: Heading): string {
  const visible = (nodes: PhrasingContent[]): string =>
    nodes
      .map((node) => {
        if (node.type === "delete") return "";
        if ("children" in node) return visible(node.children as PhrasingContent[]);
        return toString(node);
      })
      .join("");
  return visible(heading.children).replace(/\s+/g, " ").trim();
}

export function wordCount(nodes: RootContent[]): number {
  return nodes
    .map((node) => toString(node))
    .join(" ")
    .split(/\s+/)
    .filter(Boolean).length;
}

/** Author-written Markdown to HTML. Raw HTML in the source is dropped, never passed through. */
export function renderAuthorMarkdown(nodes: RootContent[]): string {
  const hast = toHast({ type: "root", children: nodes }) as HastRoot;
  openExternalLinksSafely(hast);
  return toHtml(hast);
}

/** Inline Markdown (a heading's content) to HTML, without the line breaks a block wrapper adds. */
export function renderAuthorInline(nodes: PhrasingContent[]): string {
  const paragraph = toHast({ type: "paragraph", children: nodes }) as Element;
  const hast: HastRoot = { type: "root", children: paragraph.children };
  openExternalLinksSafely(hast);
  return toHtml(hast);
}

function openExternalLinksSafely(node: HastRoot | ElementContent): void {
  if (node.type === "element") markExternalLink(node);
  if ("children" in node) for (const child of node.children) openExternalLinksSafely(child as ElementContent);
}

function markExternalLink(element: Element): void {
  const href = element.properties?.href;
  if (element.tagName !== "a" || typeof href !== "string" || !/^https?:\/\//i.test(href)) return;
  element.properties.target = "_blank";
  // noopener: the opened page gets no window.opener; noreferrer: it is not told where the reader came from.
  element.properties.rel = ["noopener", "noreferrer"];
}
