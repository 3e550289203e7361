import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type DriverName = "pglite" | "postgres" | "vercel-postgres";

/** What every driver's Drizzle instance has in common: domain code is written against this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle or the database itself: domain helpers accept either. */
export type DbOrTx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export interface Database {
  db: Db;
  driver: DriverName;
  close(): Promise<void>;
  /** True once this handle can no longer answer and must be opened again (the embedded database's worker died). */
  stopped?(): boolean;
}
