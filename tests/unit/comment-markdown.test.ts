import { describe, expect, it } from "vitest";
import { isAllowedLinkUrl, renderCommentMarkdown } from "@/lib/comments/markdown";
import { XSS_CORPUS } from "../../e2e/fixtures/xss-corpus";

const REL = 'rel="nofollow ugc noopener noreferrer"';

describe("comment Markdown", () => {
  it.each([
    ["paragraphs", "one\n\ntwo", "<p>one</p>\n<p>two</p>"],
    ["emphasis and strong", "*a* _b_ **c**", "<p><em>a</em> <em>b</em> <strong>c</strong></p>"],
    ["strikethrough", "~~gone~~", "<p><del>gone</del></p>"],
    ["inline code", "use `<b>`", "<p>use <code>&#x3C;b></code></p>"],
    ["code blocks, without language classes", "```js\nlet a = 1 < 2;\n```", "<pre><code>let a = 1 &#x3C; 2;\n</code></pre>"],
    ["block quotes", "> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"],
    ["lists", "- a\n- b\n\n3. c", '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol start="3">\n<li>c</li>\n</ol>'],
    ["links", "[site](https://example.org/a?b=1)", `<p><a href="https://example.org/a?b=1" ${REL}>site</a></p>`],
    ["mailto links", "[mail](mailto:a@example.org)", `<p><a href="mailto:a@example.org" ${REL}>mail</a></p>`],
    [
      "autolinks",
      "<https://example.org> www.example.org",
      `<p><a href="https://example.org" ${REL}>https://example.org</a> <a href="http://www.example.org" ${REL}>www.example.org</a></p>`,
    ],
    ["raw HTML as visible text", "<b>bold?</b>", "<p>&#x3C;b>bold?&#x3C;/b></p>"],
    ["images as their alt text", "![a cat](https://example.org/cat.png)", "<p>a cat</p>"],
    ["headings as strong paragraphs", "# Big", "<p><strong>Big</strong></p>"],
    ["relative and other-scheme links as text", "[r](/x) [p](//evil.example) [f](ftp://x.org) [j](javascript:alert(1))", "<p>r p f j</p>"],
  ])("renders %s", (_case, source, html) => {
    expect(renderCommentMarkdown(source)).toBe(html);
  });

  it("accepts only absolute http, https and mailto link URLs", () => {
    for (const url of ["https://example.org", "http://example.org/x", "mailto:someone@example.org", "HTTPS://EXAMPLE.ORG"])
      expect(isAllowedLinkUrl(url)).toBe(true);
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "/relative",
      "//host",
      "https:",
      "ftp://x",
      "java\tscript:alert(1)",
      " https://x.org",
      null,
    ]) {
      expect(isAllowedLinkUrl(url)).toBe(false);
    }
  });

  it("caps nesting so no comment can break the layout", () => {
    const html = renderCommentMarkdown(">".repeat(30) + " deep");
    expect(html.match(/<blockquote>/g)).toHaveLength(6);
  });

  describe(`an XSS corpus of ${XSS_CORPUS.length} hostile comments`, () => {
    it("has at least 40 payloads", () => expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(40));

    it.each(XSS_CORPUS.map((source) => [source.slice(0, 60), source]))("renders %j harmlessly", (_label, source) => {
      const html = renderCommentMarkdown(source);
      // Text escapes "<" (as &#x3C;), so every "<" left in the output opens a real tag.
      expect(html.split("<").length - 1).toBe([...html.matchAll(/<\/?[a-z]+[^<>]*>/g)].length);
      for (const [, tag, attributes] of html.matchAll(/<([a-z]+)([^<>]*)>/g)) {
        expect(["p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"]).toContain(tag);
        const pairs = [...attributes!.matchAll(/\s([a-z-]+)="([^"]*)"/g)];
        expect(attributes!.replace(/\s([a-z-]+)="([^"]*)"/g, "").trim()).toBe("");
        for (const [, name, value] of pairs) {
          expect(["href", "rel", "start"]).toContain(name);
          if (name === "href") expect(isAllowedLinkUrl(value)).toBe(true);
        }
      }
    });
  });
});

describe("comment bodies", () => {
  it("refuse bodies made only of invisible characters (zero-width, direction marks)", async () => {
    const { commentBodySchema } = await import("@/lib/comments/schemas");
    for (const body of ["\u200b", "\u200b\u200f\u202e", " \u2060 "]) expect(commentBodySchema.safeParse(body).success).toBe(false);
    expect(commentBodySchema.safeParse("\u200bhello").success).toBe(true);
  });
});
