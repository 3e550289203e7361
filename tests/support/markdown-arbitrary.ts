import fc from "fast-check";

/**
 * Markdown-ish comment bodies for property tests: up to the 5,000-character limit, biased to what
 * once broke the renderer or makes a parser work hard — deep nesting of quotes, lists, footnotes,
 * emphasis, links, images and code, long runs of unmatched markers — mixed with ordinary and hostile
 * text (raw HTML, javascript: links).
 */

const WORDS = [
  "word",
  "a",
  "www.example.org",
  "https://example.org/a_b?c=1",
  "mail@example.org",
  "`code`",
  "**bold**",
  "_it_",
  "~~gone~~",
  "<b>raw</b>",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
  "[ok](https://example.org)",
  "![img](https://example.org/i.png)",
  "&amp; &#x3C; &lt;",
  "[^1]",
  "\\*",
  "- [x] done",
];

const MARKDOWN_CHARACTERS = [
  "*",
  "_",
  "~",
  "`",
  "[",
  "]",
  "(",
  ")",
  "!",
  "<",
  ">",
  "-",
  "+",
  "1",
  ".",
  "#",
  "=",
  "|",
  ":",
  "^",
  "\\",
  "&",
  ";",
  " ",
  " ",
  "\t",
  "\n",
  "\n",
  "a",
  "b",
  "w",
  "@",
  '"',
  "?",
  "/",
];

/** Few levels, dozens (past every limit) or thousands (what overflowed the stack). */
const depth = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 3, arbitrary: fc.integer({ min: 9, max: 80 }) },
  { weight: 2, arbitrary: fc.integer({ min: 81, max: 2500 }) },
);

type Shape = (levels: number, text: string) => string;

const lines = (count: number, line: (index: number) => string) => Array.from({ length: Math.min(count, 2500) }, (_, index) => line(index)).join("\n");

const SHAPES: Shape[] = [
  (n, text) => ">".repeat(n) + " " + text,
  (n, text) => "> ".repeat(n) + text,
  (n, text) => "- ".repeat(n) + text,
  (n, text) => "* ".repeat(n) + text,
  (n, text) => "1. ".repeat(n) + text,
  (n, text) => "> - 1. ".repeat(n) + text,
  (n, text) => "[^a]: ".repeat(n) + text,
  (n, text) => lines(n, (index) => " ".repeat(2 * index) + "- " + text),
  (n, text) => lines(n, (index) => ">".repeat(index + 1) + " " + text),
  (n, text) => "*".repeat(n) + text + "*".repeat(n),
  (n, text) => "_".repeat(n) + text + "_".repeat(n),
  (n, text) => "~~".repeat(n) + text + "~~".repeat(n),
  (n, text) => "*_".repeat(n) + text + "_*".repeat(n),
  (n, text) => "*a ".repeat(n) + text + " b*".repeat(n),
  (n, text) => "[".repeat(n) + text + "](https://example.org)".repeat(n),
  (n, text) => "![".repeat(n) + text + "](https://example.org/i.png)".repeat(n),
  (n, text) => "[![".repeat(n) + text + "](u)](https://example.org)".repeat(n),
  (n, text) => "[".repeat(n) + text + "]".repeat(n) + "\n\n[" + text + "]: https://example.org",
  (n, text) => "`".repeat(n) + text + "`".repeat(n),
  (n, text) => Array.from({ length: Math.min(n, 100) }, (_, index) => "`".repeat(index + 1) + text).join(" "),
  (n, text) => (text + "* ").repeat(n),
  (n, text) => "[" + (text + " ").repeat(n),
  (n, text) => "]".repeat(n) + text,
  (n, text) => "x " + "<!--".repeat(n) + text,
  (n, text) => "x " + "<?".repeat(n) + text,
  (n, text) => (text + "\n===\n").repeat(n),
  (n, text) => ("- - " + text + "\n").repeat(n),
  (n, text) => `| ${text} | b |\n|---|---|\n` + `| x | ${text} |\n`.repeat(n),
];

const shaped = fc
  .tuple(fc.integer({ min: 0, max: SHAPES.length - 1 }), depth, fc.constantFrom(...WORDS))
  .map(([shape, levels, text]) => SHAPES[shape]!(levels, text));
const prose = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 60 }).map((words) => words.join(" "));
const noise = fc.string({ unit: fc.constantFrom(...MARKDOWN_CHARACTERS), minLength: 1, maxLength: 400 });
const separator = fc.constantFrom("", " ", "\n", "\n\n", "\n> ", "\n- ");

export const markdownBody = fc
  .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 2, arbitrary: prose }, { weight: 2, arbitrary: noise }), separator), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) =>
    parts
      .map(([part, after]) => part + after)
      .join("")
      .slice(0, 5000),
  )
  .filter((body) => body.trim() !== "");

/** The seed a property runs with: TEST_SEED, or a fixed default so a run is repeatable. */
export const propertySeed = (fallback: number) => Number(process.env.TEST_SEED ?? fallback);
