import { getLibrary } from "@/lib/content/essays";
import { getEnv, type Env } from "@/lib/env";
import { connect, type ConnectionConfig } from "./connect";
import type { Database } from "./database";
import { keepOpen, type DatabaseSlot } from "./keep-open";
import { applyMigrations } from "./migrate";
import { syncContent } from "./sync-content";

/** Picks the driver from the environment: POSTGRES_URL → Vercel Postgres, DATABASE_URL → pg, else PGlite. */
export function connectionConfigFromEnv(env: Env = getEnv()): ConnectionConfig {
  if (env.POSTGRES_URL) return { driver: "vercel-postgres", url: env.POSTGRES_URL, wsProxy: env.POSTGRES_WS_PROXY };
  if (env.DATABASE_URL) return { driver: "postgres", url: env.DATABASE_URL };
  return { driver: "pglite", dataDir: env.PGLITE_DATA_DIR };
}

/**
 * Opens the database, brings its schema up to date and syncs the essays into it. On PostgreSQL the
 * migration runs over its own single connection (see applyMigrations), then the pool is opened.
 */
export async function openDatabase(config: ConnectionConfig): Promise<Database> {
  if (config.driver === "pglite") {
    const database = await connect(config);
    try {
      await prepare(database);
      return database;
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  const migrator = await connect({ ...config, max: 1 });
  try {
    await applyMigrations(migrator);
  } finally {
    await migrator.close();
  }
  const database = await connect(config);
  try {
    await syncContent(database.db, getLibrary());
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function prepare(database: Database): Promise<void> {
  await applyMigrations(database);
  await syncContent(database.db, getLibrary());
}

// On globalThis: hot reload re-evaluates modules, and a second PGlite on the same directory would
// corrupt it. Opened on first use, never at import time (`next build` imports this module).
const slot = ((globalThis as typeof globalThis & { __agoraDatabaseSlot?: DatabaseSlot }).__agoraDatabaseSlot ??= {});

/** The process's database, opened on first use (see keepOpen: a failed or stopped one is opened again). */
export function getDatabase(): Promise<Database> {
  return keepOpen(slot, () => openDatabase(connectionConfigFromEnv()));
}

export async function getDb() {
  return (await getDatabase()).db;
}
