import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";

// The database functions (db/functions/*.sql) must stay literal SQL, so a column renamed in
// db/schema.ts cannot fail their type-check. This test reads every identifier they use and requires
// it to be a column or table of the schema, or a word listed below with why it is not one: a
// misspelt or renamed column fails here. (SQL built in TypeScript names columns through the schema.)

const FUNCTIONS_DIR = path.join(process.cwd(), "db/functions");

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable)).map((table) => getTableConfig(table));
const tableNames = new Set(tables.map((table) => table.name));
const columnNames = new Set(tables.flatMap((table) => table.columns.map((column) => column.name)));

/** Snake_case words in the functions that are neither columns nor tables, and why. */
const NOT_COLUMNS: Record<string, string> = {
  array_agg: "PostgreSQL function",
  bool_and: "PostgreSQL function",
  bool_or: "PostgreSQL function",
  make_interval: "PostgreSQL function",
  string_agg: "PostgreSQL function",
  to_timestamp: "PostgreSQL function",
  hits: "a column of agora_hit_rate_limit's result, read by agora_set_vote",
  step: "a column of a VALUES list in agora_set_vote",
  seconds_left: "a column of agora_hit_rate_limit's result, read by agora_set_vote",
  tg_op: "trigger variable",
  tg_table_name: "trigger variable",
};

function identifiersOf(source: string): string[] {
  const code = source
    .replace(/--.*$/gm, "") // comments
    .replace(/'(?:[^']|'')*'/g, "''") // string literals
    .replace(/"[^"]*"/g, ""); // quoted identifiers (COLLATE "C")
  // Every snake_case word, and every word qualified by an alias (`o.stance`, `w.count`).
  const snake = [...code.matchAll(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/gi)].map((match) => match[0]!);
  const qualified = [...code.matchAll(/\b[a-z_]+\.([a-z_][a-z0-9_]*)\b/gi)].map((match) => match[1]!);
  return [...snake, ...qualified].map((word) => word.toLowerCase());
}

function unknownIdentifiers(source: string): string[] {
  const own = new Set<string>();
  // Parameters and variables (p_*, v_*), the functions and triggers defined here, their result
  // columns and the names given with AS: named by the file itself, not by the schema.
  for (const match of source.matchAll(/(?:FUNCTION|TRIGGER|\bAS)\s+([a-z_]+)/gi)) own.add(match[1]!.toLowerCase());
  for (const match of source.matchAll(/RETURNS TABLE\s*\(([^)]*)\)/gi)) {
    for (const part of match[1]!.split(",")) own.add(part.trim().split(/\s+/)[0]!.toLowerCase());
  }
  return [
    ...new Set(
      identifiersOf(source).filter(
        (word) => !/^[pv]_/.test(word) && !/^agora_/.test(word) && !own.has(word) && !columnNames.has(word) && !tableNames.has(word) && !(word in NOT_COLUMNS),
      ),
    ),
  ];
}

describe("database function files name only columns that db/schema.ts has", () => {
  const files = readdirSync(FUNCTIONS_DIR).filter((name) => name.endsWith(".sql"));

  it("finds the function files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s", (name) => {
    expect(unknownIdentifiers(readFileSync(path.join(FUNCTIONS_DIR, name), "utf8"))).toEqual([]);
  });

  it("fails on a misspelt column (the check can fail)", () => {
    const source = readFileSync(path.join(FUNCTIONS_DIR, "agora_hit_rate_limit.sql"), "utf8");
    expect(unknownIdentifiers(source.replace("window_start, count", "window_begin, count"))).toEqual(["window_begin"]);
  });
});
