/**
 * One formatter for the tree (`npm run format`; `npm run check` fails on any difference).
 *
 * printWidth 160: the width this code was already written to (its longest code lines sat at 160), so
 * one-line signatures and one-line doc comments stay one line and the reformat touches the fewest
 * lines. Narrower widths re-wrap hundreds of lines that read fine today (about 950 lines are over 120).
 *
 * Imports are sorted by @ianvs/prettier-plugin-sort-imports (plain Babel, no TypeScript language
 * service, so it is fast and never deletes an import it thinks unused) into the groups the code
 * already used, without blank lines between them: Node built-ins, packages, `@/` paths, relative paths.
 */
/** @type {import("prettier").Config} */
const config = {
  printWidth: 160,
  plugins: ["@ianvs/prettier-plugin-sort-imports"],
  importOrder: ["<BUILTIN_MODULES>", "<THIRD_PARTY_MODULES>", "^@/", "^[.]"],
  importOrderTypeScriptVersion: "5.9.3",
};

export default config;
