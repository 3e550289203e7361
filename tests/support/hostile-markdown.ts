/**
 * Comment bodies that broke or stalled the renderer of 20aeeb1, each within the 5,000-character limit
 * and way past a Markdown limit of today's.
 */
export const HOSTILE_BODIES: Record<string, string> = {
  "2,000 nested quotes": ">".repeat(2000) + " <b>deep</b>",
  "1,000 nested lists": "- ".repeat(1000) + "deep",
  "1,000 nested ordered lists": "1. ".repeat(1000) + "deep",
  "quotes in lists in quotes": "> - ".repeat(600) + "deep",
  "800 nested footnote definitions": "[^a]: ".repeat(800) + "deep",
  "1,000 levels of strong emphasis": "*".repeat(2000) + "deep" + "*".repeat(2000),
  "450 levels of emphasis and strikethrough": "*a ~~".repeat(450) + "deep" + "~~ b*".repeat(450),
  "900 nested links": "[".repeat(900) + "deep" + "](u)".repeat(900),
  "800 nested images": "![".repeat(800) + "deep" + "](u)".repeat(800),
  "1,600 unmatched closing marks": "a* ".repeat(1600),
  "4,999 closing brackets": "]".repeat(4999),
  "800 lines of two nested list items": "- - x\n".repeat(800),
  "800 underlined headings": "a\n===\n".repeat(800),
  "1,000 unclosed HTML comments": "x " + "<!--".repeat(1000),
};
