/**
 * The comments readers really write, as data: what the accessibility, validity, layout and screenshot
 * runs seed (support/realistic-seed.ts), because the tidy one-liners tests like to post hide the pages'
 * worst cases. Every Markdown feature the renderer keeps (lib/comments/markdown.ts) appears at least once,
 * and so do the things that break layouts: long code lines, unbroken words and URLs, right-to-left
 * scripts, emoji sequences and combining marks, deep threads.
 */

/** Display names at the edges: one character, and 64 (names from OAuth providers are not capped at 40). */
export const SHORTEST_NAME = "Q";
export const LONGEST_NAME = "Maximiliana Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh";

export const REALISTIC_AUTHORS = [SHORTEST_NAME, LONGEST_NAME, "نور الهدى", "Zoë Ångström-Nguyễn", "Bob"] as const;

/** How many replies the deepest thread nests: past what any layout indents (components/comments). */
export const DEEP_THREAD_DEPTH = 14;

const LONG_CODE_LINE = `const treatyVerificationEndpoint = await fetchComputeInventory({ region: "eu-west-1", includeDecommissioned: true, auditTrail: "sha256:${"0f".repeat(40)}" });`;

export interface RealisticComment {
  /** Index into REALISTIC_AUTHORS. */
  by: number;
  body: string;
  /** Index of an earlier comment in REALISTIC_COMMENTS this replies to. */
  replyTo?: number;
}

export const REALISTIC_COMMENTS: RealisticComment[] = [
  {
    by: 1,
    body: [
      "Here is how an inspector would check a data centre's declared compute, roughly:",
      "",
      "```ts",
      LONG_CODE_LINE,
      "if (!inventory.matches(declared)) throw new Error(`Undeclared accelerators at ${inventory.site}`);",
      "```",
      "",
      "Inline code too: `aVeryLongIdentifierThatNeverBreaksBecauseItIsCodeAndCodeDoesNotWrapAtAll()`.",
    ].join("\n"),
  },
  {
    by: 0,
    body: "Pneumonoultramicroscopicsilicovolcanoconiosis-grade jargon: Rechtsschutzversicherungsgesellschaften und Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft.",
  },
  {
    by: 3,
    body: "Source: https://www.example.org/reports/2024/ai-compute-governance/annex-b/verification-mechanisms-for-large-training-runs?utm_source=newsletter&utm_medium=email&utm_campaign=treaty-briefing-december-edition#section-4-2-3 — and a named [link to the full report](https://example.org/report).",
  },
  {
    by: 2,
    body: "أعتقد أن المعاهدات وحدها لا تكفي. يجب أن تكون هناك **آليات تحقق** مستقلة، كما في اتفاقيات الأسلحة الكيميائية.\n\nעברית גם: האם אמנה בינלאומית יכולה באמת לעבוד?",
  },
  {
    by: 3,
    body: "Emoji and combining marks: 👩🏽‍💻👨‍👩‍👧‍👦🏳️‍🌈🇺🇳 — Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫ g̷̡̛o̴̢͝ — ñ (n + ◌̃), 한국어, 日本語のテキスト、中文。",
  },
  {
    by: 4,
    body: [
      "Three reasons, in order:",
      "",
      "1. Verification is hard:",
      "   > Trust, but verify.",
      "   > — a proverb diplomats like",
      "2. ~~Enforcement~~ Attribution is harder.",
      "3. Incentives:",
      "   - *defence* budgets",
      "   - **export** controls",
      "     - nested once more, with `code`",
      "",
      "- [x] read the essay",
      "- [ ] read the annex",
      "",
      "---",
      "",
      "A line with a hard break  ",
      "right here, an image ![satellite photo](https://example.org/photo.png) and a footnote[^1].",
      "",
      "| table | becomes |",
      "| ----- | ------- |",
      "| plain | text    |",
      "",
      "[^1]: The footnote itself.",
      "",
      "Contact: <mailto:treaties@example.org> or www.example.org.",
    ].join("\n"),
  },
  { by: 0, body: "> Quoting the essay:\n> > nested quote\n\nAnd my *reply* to it.", replyTo: 0 },
  { by: 1, body: "Short.", replyTo: 6 },
  { by: 2, body: "<script>alert('raw HTML shows as text')</script> and &amp; entities &lt;b&gt;", replyTo: 3 },
];

/** The deep thread's replies alternate these bodies, so its narrowest level still wraps a long word. */
export const DEEP_REPLY_BODIES = [
  "I disagree, and here is a word that does not break: Verschlüsselungsinfrastrukturmodernisierungsgesetz.",
  "Fair, but consider `a_long_snake_case_identifier_from_a_config_file_that_never_wraps`.",
];
