import { sql, type SQL } from "drizzle-orm";
import { PgDialect, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./database";

/**
 * Runs raw SQL and returns its rows. Every driver (pg, PGlite, @vercel/postgres) answers
 * `execute` with `{ rows }`, but the driver-neutral type cannot say so; this is the one cast.
 */
export async function queryRows<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/**
 * A column's bare name (`"section_id"`), for the places SQL takes no table qualifier: an INSERT's or
 * UPDATE's column list, a CTE's own columns. Taking the schema's column, not a string, means a column
 * renamed in db/schema.ts fails the type-check where it is named.
 */
export const columnName = (column: AnyPgColumn): SQL => sql`${sql.identifier(column.name)}`;

/** How a driver runs one statement by itself, as a prepared statement called `name` where it can. */
export type StatementRunner = (text: string, values: unknown[], name: string) => Promise<{ rows: unknown[] }>;

const runners = new WeakMap<object, StatementRunner>();

/** db/connect.ts, the one module that knows the drivers, says how each runs a statement. */
export function registerStatementRunner(db: object, runner: StatementRunner): void {
  runners.set(db, runner);
}

const dialect = new PgDialect();

/**
 * Runs a statement that answers one row with one text column, `json` (JSON built in PostgreSQL),
 * and parses it. The hot comment paths go this way: on pg as a prepared statement named after its
 * text, so PostgreSQL parses and plans it once per connection rather than on every request (for a
 * page of threads that was more than running it), and on every driver without Drizzle's per-query
 * machinery, which a JSON answer does not need. A transaction handle, which has no runner of its
 * own, goes through Drizzle.
 */
export async function queryJson<T>(db: DbOrTx, query: SQL): Promise<T> {
  const runner = runners.get(db);
  let rows: unknown[];
  if (runner) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    rows = (await runner(text, params, statementName(text))).rows;
  } else {
    rows = await queryRows(db, query);
  }
  const [row] = rows as { json: string }[];
  if (typeof row?.json !== "string") throw new Error("queryJson: the statement must answer one row with a text column `json`.");
  return JSON.parse(row.json) as T;
}

// Statements differ by shape (sort, filters, viewer), never by value: values are parameters. The cap
// only guards against a future caller that inlines values; past it statements go unnamed.
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `agora_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name ?? "";
}
