import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "./database";
import { applyDatabaseFunctions } from "./database-functions";

export const MIGRATIONS_DIR = path.join(process.cwd(), "drizzle");

/** Any 64-bit number shared by every Agora instance; serializes migrations across instances. */
const MIGRATION_LOCK_KEY = 7_240_315_001;

/**
 * Applies the committed migrations in drizzle/, then the database's functions and triggers from
 * db/functions/ (db/database-functions.ts). Several instances may start at once against one
 * server, so on PostgreSQL the run holds a session advisory lock. `database` must therefore use a
 * single connection (`connect({ …, max: 1 })`): a lock taken on one pooled connection and released on
 * another would never be released.
 */
export async function applyMigrations(database: Database): Promise<void> {
  const migrationsFolder = MIGRATIONS_DIR;
  const { db, driver } = database;
  if (driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder });
    await applyDatabaseFunctions(db);
    return;
  }
  await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    const { migrate } = driver === "postgres" ? await import("drizzle-orm/node-postgres/migrator") : await import("drizzle-orm/vercel-postgres/migrator");
    await migrate(db as never, { migrationsFolder });
    await applyDatabaseFunctions(db);
  } finally {
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}
