import { getTableName, sql, type SQL } from "drizzle-orm";
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

/**
 * `"table"."column"`, qualified even where Drizzle would leave it bare: a one-table select writes its
 * fields' columns unqualified, so inside a subquery among its fields `${sections.id}` would mean the
 * subquery's own `id`.
 */
export const qualifiedColumn = (column: AnyPgColumn): SQL => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

/** How a driver runs one statement by itself, as a prepared statement called `name` where it can. */
export type StatementRunner = (text: string, values: unknown[], name: string) => Promise<{ rows: unknown[] }>;

/**
 * Per process, on globalThis: Next bundles pages and route handlers apart, each with its own copy of
 * this module, while the database handle is one per process (db/client.ts). Kept per module, a runner
 * registered by the bundle that opened the database was unknown to every other bundle (their hot
 * statements went unprepared, planned on every request), and two bundles would hand out the same
 * statement name for different texts on one connection.
 */
interface StatementState {
  runners: WeakMap<object, StatementRunner>;
  names: Map<string, string>;
}
const statementState: StatementState = ((globalThis as { [key: symbol]: StatementState | undefined })[Symbol.for("agora.statements")] ??= {
  runners: new WeakMap(),
  names: new Map(),
});
const runners = statementState.runners;

/** db/connect.ts, the one module that knows the drivers, says how each runs a statement. */
export function registerStatementRunner(db: object, runner: StatementRunner): void {
  runners.set(db, runner);
}

const dialect = new PgDialect();

/**
 * A fragment without parameters rendered to its text once, at module level: a hot statement names its
 * columns through the schema (a rename fails the type-check) and costs no more per request than a
 * literal string would.
 */
export function renderedOnce(fragment: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  if (params.length > 0) throw new Error("renderedOnce: the fragment must have no parameters.");
  return sql.raw(text);
}

/**
 * Runs a statement that answers one row with one text column, `json` (JSON built in PostgreSQL),
 * and parses it. The hot comment paths go this way: on pg as a prepared statement named after its
 * text, so PostgreSQL parses and plans it once per connection rather than on every request (for a
 * page of threads that was more than running it), and on every driver without Drizzle's per-query
 * machinery, which a JSON answer does not need. A transaction handle, which has no runner of its
 * own, goes through Drizzle.
 */
export async function queryJson<T>(db: DbOrTx, query: SQL): Promise<T> {
  const [row] = await queryPreparedRows<{ json: string }>(db, query);
  if (typeof row?.json !== "string") throw new Error("queryJson: the statement must answer one row with a text column `json`.");
  return JSON.parse(row.json) as T;
}

/**
 * Rows of a hot statement (the vote), prepared and run the way queryJson runs its statements: named
 * after its text on pg, without Drizzle's per-query machinery where the driver allows.
 */
export async function queryPreparedRows<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const runner = runners.get(db);
  if (!runner) return queryRows<Row>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await runner(text, params, statementName(text))).rows as Row[];
}

// Statements differ by shape (sort, filters, actor), never by value: values are parameters. The cap
// only guards against a future caller that inlines values; past it statements go unnamed.
const MAX_NAMED_STATEMENTS = 500;
const statementNames = statementState.names;

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `agora_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name ?? "";
}
