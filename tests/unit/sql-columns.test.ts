import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";

// Raw SQL built in TypeScript names columns and tables through the schema (`${c.sectionId}`,
// `${reports}`), so renaming one in db/schema.ts fails the type-check. This test reads the literal text
// of every sql`…` template under lib/ and fails on a column or table of db/schema.ts written there as
// a string (`c.section_id`, `from reports`). Names a statement gives itself (`as proposal_id`, a CTE
// `chain`, a subquery `t`) are its own; the few other words are listed below with why.

const root = process.cwd();
const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable)).map((table) => getTableConfig(table));
const tableNames = new Set(tables.map((table) => table.name));
const columnNames = new Set(tables.flatMap((table) => table.columns.map((column) => column.name)));

/** Files still written with string column names (issue 21, item 2): each must still need its place here. */
const NOT_YET_CONVERTED: string[] = [];

/** Words that match a schema column but name something else, by file, and why. */
const NOT_COLUMNS: Record<string, Record<string, string>> = {
  "lib/votes/cast-vote.ts": { ban_reason: "a column of agora_set_vote's result (db/functions/agora_set_vote.sql)" },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** The literal text of each sql`…` template in `source`, a `?` where a value or fragment is interpolated. */
function sqlTexts(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(tree) === "sql") {
      const template = node.template;
      texts.push(
        ts.isNoSubstitutionTemplateLiteral(template)
          ? template.text
          : [template.head.text, ...template.templateSpans.map((span) => span.literal.text)].join("?"),
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return texts;
}

/** Schema columns and tables that `file`'s SQL names as strings, less the names its statements define themselves. */
function stringNamedColumns(file: string, source: string): string[] {
  const code = sqlTexts(file, source)
    .map((text) => text.replace(/--.*$/gm, "").replace(/'(?:[^']|'')*'/g, "''"))
    .join("\n");
  const ctes = [...code.matchAll(/\b([a-z_][a-z0-9_]*)\s*(?:\(([^()]*)\))?\s+as\s*(?:not\s+)?(?:materialized\s+)?\(/gi)];
  const ownColumns = new Set(
    [
      ...[...code.matchAll(/\bas\s+"?([a-z_][a-z0-9_]*)/gi)].map((match) => match[1]!), // result columns
      ...ctes.flatMap((match) => (match[2] ?? "").split(",").map((name) => name.trim())), // a CTE's column list
    ].map((name) => name.toLowerCase()),
  );
  const ownRelations = new Set(
    [
      ...ctes.map((match) => match[1]!),
      ...[...code.matchAll(/\)\s+(?:as\s+)?([a-z_][a-z0-9_]*)/gi)].map((match) => match[1]!), // subqueries and function calls in FROM
      ...[...code.matchAll(/\?\s+(?:as\s+)?([a-z_][a-z0-9_]*)\b(?!\s*[(.])/gi)].map((match) => match[1]!), // an interpolated relation's alias (`from ${source} c`)
    ].map((name) => name.toLowerCase()),
  );
  // A CTE given an alias (`from tops t`, `, placement p`) is the statement's own too.
  for (const match of code.matchAll(/(?:\bfrom|\bjoin|,)\s+([a-z_][a-z0-9_]*)\s+(?:as\s+)?([a-z_][a-z0-9_]*)/gi)) {
    if (ownRelations.has(match[1]!.toLowerCase())) ownRelations.add(match[2]!.toLowerCase());
  }
  const found = new Set<string>();
  for (const match of code.matchAll(/\b([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\b/gi)) {
    const [qualifier, column] = [match[1]!.toLowerCase(), match[2]!.toLowerCase()];
    if (columnNames.has(column) && !ownRelations.has(qualifier)) found.add(`${qualifier}.${column}`);
  }
  for (const match of code.matchAll(/(?<![.\w])([a-z_][a-z0-9_]*)\b(?!\s*\.)/gi)) {
    const word = match[1]!.toLowerCase();
    const isColumn = columnNames.has(word) && word.includes("_"); // one-word columns (id, body) are SQL's own words too
    if ((isColumn || tableNames.has(word)) && !ownColumns.has(word) && !ownRelations.has(word)) found.add(word);
  }
  const allowed = NOT_COLUMNS[path.relative(root, file)] ?? {};
  return [...found].filter((word) => !(word in allowed));
}

describe("SQL built in lib/ names columns through db/schema.ts", () => {
  const files = sourceFiles(path.join(root, "lib"));
  const checked = files.filter((file) => !NOT_YET_CONVERTED.includes(path.relative(root, file)));

  it("reads the real templates", () => {
    const loadActor = path.join(root, "lib/auth/users.ts");
    expect(sqlTexts(loadActor, readFileSync(loadActor, "utf8")).some((text) => text.includes("json_build_object"))).toBe(true);
  });

  it.each(checked.map((file) => path.relative(root, file)))("%s", (name) => {
    expect(stringNamedColumns(path.join(root, name), readFileSync(path.join(root, name), "utf8"))).toEqual([]);
  });

  it.each(NOT_YET_CONVERTED)("%s still names columns as strings (drop it from the list once converted)", (name) => {
    expect(stringNamedColumns(path.join(root, name), readFileSync(path.join(root, name), "utf8"))).not.toEqual([]);
  });

  // A database function's result columns are named by its file, not by db/schema.ts.
  it.each([
    ["lib/rate-limit.ts", "agora_hit_rate_limit", ["hits", "seconds_left"]],
    ["lib/votes/cast-vote.ts", "agora_set_vote", ["outcome", "retry_after", "tally_strongly_oppose", "tally_support", "ban_reason"]],
  ])("%s reads columns that %s returns", (name, fn, used) => {
    const definition = readFileSync(path.join(root, "db/functions", `${fn}.sql`), "utf8");
    const returned = /RETURNS TABLE\s*\(([^)]*)\)/i
      .exec(definition)![1]!
      .split(",")
      .map((part) => part.trim().split(/\s+/)[0]!);
    const code = sqlTexts(path.join(root, name), readFileSync(path.join(root, name), "utf8")).join("\n");
    for (const column of used) {
      expect(returned).toContain(column);
      expect(code).toMatch(new RegExp(`\\b${column}\\b`));
    }
  });

  it("fails on a column or table written as a string (the check can fail)", () => {
    const source = [
      "const rows = sql`select comment_id, reason from reports where resolved_at is null and ${x}`;",
      "const one = sql`select p.id from proposals p where p.section_id = ${id}`;",
      "const own = sql`with chain(id, parent_id) as (select 1, 2) select chain.parent_id, ${c.id} as section_id from ${comments} c`;",
    ].join("\n");
    expect(stringNamedColumns(path.join(root, "lib/example.ts"), source).sort()).toEqual([
      "comment_id",
      "p.id",
      "p.section_id",
      "proposals",
      "reports",
      "resolved_at",
    ]);
  });
});
