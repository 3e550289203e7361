import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./database";

/**
 * Runs raw SQL and returns its rows. Every driver (pg, PGlite, @vercel/postgres) answers
 * `execute` with `{ rows }`, but the driver-neutral type cannot say so; this is the one cast.
 */
export async function queryRows<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
