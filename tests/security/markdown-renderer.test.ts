// Fails on 20aeeb1: its renderer recursed once per nesting level (`>` × 2,000 threw RangeError), spent
// seconds on nested images or long lists, and validation stored whatever it was given.
import fc from "fast-check";
import type { Element, Nodes, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { sanitize } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { commentHtml, commentMarkdownProblem, plainTextHtml } from "@/lib/comments/comment-html";
import { COMMENT_SCHEMA, COMMENT_SYNTAX, isAllowedLinkUrl, renderCommentMarkdown } from "@/lib/comments/markdown";
import {
  MARKDOWN_LIMIT_MESSAGES,
  MarkdownLimitError,
  MAX_BLOCK_MARKERS,
  MAX_CLOSING_BRACKETS,
  MAX_EMPHASIS_MARKS,
  MAX_HTML_OPENERS,
  MAX_NESTING,
} from "@/lib/comments/markdown-limits";
import { createCommentInputSchema, editCommentInputSchema } from "@/lib/comments/schemas";
import { HOSTILE_BODIES } from "../support/hostile-markdown";
import { markdownBody, propertySeed } from "../support/markdown-arbitrary";
import { installWorkCounters, measureWork, uninstallWorkCounters } from "../support/markdown-work";
import { renderInSmallStack } from "../support/small-stack";

const SEED = propertySeed(20261203);

const SCHEMA_WITH_REL = { ...COMMENT_SCHEMA, attributes: { ...COMMENT_SCHEMA.attributes, a: ["href", "rel"] } };
const TAGS = new Set(COMMENT_SCHEMA.tagNames);

/** The HTML is a fixed point of the sanitiser, and has nothing outside its allow-list. */
function expectSanitized(html: string): void {
  const tree = fromHtml(html, { fragment: true });
  expect(toHtml(sanitize(tree, SCHEMA_WITH_REL))).toBe(html);
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === "element") {
      const element = node as Element;
      expect(TAGS).toContain(element.tagName);
      for (const name of Object.keys(element.properties)) expect(["href", "rel", "start"]).toContain(name);
      if (element.properties.href !== undefined) expect(isAllowedLinkUrl(element.properties.href)).toBe(true);
    }
    if ("children" in node) stack.push(...(node as Root | Element).children);
  }
}

/** renderCommentMarkdown's answer: its HTML, or the limit it refused (anything else is thrown on). */
function strictRender(body: string): { html: string } | { refused: string } {
  try {
    return { html: renderCommentMarkdown(body) };
  } catch (error) {
    if (error instanceof MarkdownLimitError) return { refused: error.message };
    throw error;
  }
}

describe(`the comment renderer under hostile Markdown (seed ${SEED})`, () => {
  // A body shown as plain text is logged: keep the output readable, and count the logs.
  beforeEach(() => void vi.spyOn(console, "error").mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it.each(Object.entries(HOSTILE_BODIES))("refuses %s when it is written, and shows an old row of it as escaped text", (_name, body) => {
    expect(body.length).toBeLessThanOrEqual(5000);
    for (const schema of [createCommentInputSchema, editCommentInputSchema]) {
      const parsed = schema.safeParse({ body });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ["body"] })]);
      expect(Object.values(MARKDOWN_LIMIT_MESSAGES)).toContain(parsed.error!.issues[0]!.message);
    }
    expect(strictRender(body)).toEqual({ refused: expect.any(String) });
    // Every view shows the escaped text; the log says so once.
    for (let view = 0; view < 3; view++) expect(commentHtml(body, 7)).toBe(plainTextHtml(body));
    expect(console.error).toHaveBeenCalledTimes(1);
    expect(vi.mocked(console.error).mock.calls[0]![0]).toMatch(/^\[comments\] comment 7 .* is shown as plain text: MarkdownLimitError/);
    const html = commentHtml(body);
    expect(html).not.toMatch(/<(?!\/?(p|br)>)/);
    expectSanitized(html);
  });

  it("accepts what a real comment uses, right up to each limit", () => {
    const bodies = [
      ">".repeat(MAX_NESTING) + " quoted",
      "- ".repeat(MAX_NESTING) + "listed",
      "- item\n".repeat(MAX_BLOCK_MARKERS),
      "[link](https://example.org) ".repeat(MAX_CLOSING_BRACKETS),
      "**strong** ".repeat(MAX_EMPHASIS_MARKS / 2),
      "<!-- x --> ".repeat(MAX_HTML_OPENERS),
      "snake_case_name ".repeat(300),
      "> a long quotation, line after line\n".repeat(120),
      "A line\n---\n\n".repeat(32),
      "A thought, *well* put, with `code` and a [source](https://example.org).\n\n".repeat(60),
    ];
    for (const body of bodies) {
      expect(commentMarkdownProblem(body), body.slice(0, 40)).toBeNull();
      expect(createCommentInputSchema.safeParse({ body }).success).toBe(true);
    }
  });

  it("never fails on generated input: it renders or refuses, and what it shows passes the sanitiser unchanged", () => {
    fc.assert(
      fc.property(markdownBody, (body) => {
        const strict = strictRender(body);
        // Validation accepts exactly what renders as Markdown.
        expect(commentMarkdownProblem(body)).toBe("html" in strict ? null : strict.refused);
        const html = commentHtml(body);
        expect(html).toBe("html" in strict ? strict.html : plainTextHtml(body));
        expectSanitized(html);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("never recurses with the input's depth: every generated body renders in a 0.5 MB stack", async () => {
    const bodies = [...Object.values(HOSTILE_BODIES), ...fc.sample(markdownBody, { seed: SEED, numRuns: 200 })];
    // Half Node's default stack: the recursive renderer of 20aeeb1 overflows it at ~1,000 levels.
    expect(await renderInSmallStack(bodies, 0.5)).toEqual([]);
  });

  describe("work", () => {
    beforeAll(() => installWorkCounters(COMMENT_SYNTAX.extensions));
    afterAll(() => uninstallWorkCounters());

    // The bound: the limits let each closing mark, bracket, HTML opener or container marker cost at
    // most one more pass over the events before it, a bounded number of passes: linear in the body,
    // plus a fixed part for short bodies at a limit (128 nested images cost ~4.4 million units in 769
    // characters). Ordinary prose costs ~20–70 units a character; 20aeeb1's quadratic paths cost tens
    // of millions at 5,000 characters (before its recursion overflowed).
    const UNITS_PER_CHARACTER = 2500;
    const FIXED_CHARACTERS = 1000;

    it("grows at most linearly: the parser's counted steps stay under a fixed multiple of the body's length", () => {
      let worst = { perCharacter: 0, body: "" };
      fc.assert(
        fc.property(markdownBody, (body) => {
          const { total } = measureWork(() => {
            try {
              renderCommentMarkdown(body);
            } catch (error) {
              if (!(error instanceof MarkdownLimitError)) throw error;
            }
          });
          const perCharacter = total / (body.length + FIXED_CHARACTERS);
          if (perCharacter > worst.perCharacter) worst = { perCharacter, body };
          expect(total).toBeLessThanOrEqual(UNITS_PER_CHARACTER * (body.length + FIXED_CHARACTERS));
        }),
        { seed: SEED, numRuns: 120 },
      );
      console.log(`markdown work: at most ${worst.perCharacter.toFixed(0)} units a character (seed ${SEED}), for ${JSON.stringify(worst.body.slice(0, 60))}…`);
    });

    it("counts the work it claims to: a quadratic construct of 20aeeb1's parser shows as quadratic", () => {
      // Unmatched closing marks each look back over all before them: twice the marks, four times the reads.
      const [small, large] = [60, 120].map((count) => measureWork(() => renderCommentMarkdown("a* ".repeat(count))).eventReads);
      expect(large! / small!).toBeGreaterThan(3);
      expect(measureWork(() => renderCommentMarkdown("word ".repeat(800))).total).toBeGreaterThan(1000);
    });
  });
});
