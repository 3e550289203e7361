import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import type { Database } from "@/db/database";
import { createTestDatabase } from "@/support/postgres-server";

/** Where a configuration's data lives: the environment a server needs, and how to open it from here. */
export interface BenchDatabase {
  label: string;
  /** DATABASE_URL or PGLITE_DATA_DIR, for the server. */
  serverEnv: { DATABASE_URL: string } | { PGLITE_DATA_DIR: string };
  /** Migrated and synced with the essays. On PGlite, close it before a server opens the directory. */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh database agora_bench_<purpose>_<random> on the TEST_DATABASE_URL server (dropped after). */
export async function createPostgresDatabase(purpose: string): Promise<BenchDatabase> {
  const fresh = await createTestDatabase(`agora_bench_${purpose}`);
  const url = fresh.url.toString();
  return { label: fresh.name, serverEnv: { DATABASE_URL: url }, open: () => openDatabase({ driver: "postgres", url }), drop: fresh.drop };
}

/** A fresh temporary data directory: PGlite allows one process per directory, so nothing is shared. */
export function createPgliteDatabase(): BenchDatabase {
  const root = mkdtempSync(path.join(tmpdir(), "agora-bench-pglite-"));
  const dataDir = path.join(root, "data");
  return {
    label: "embedded PGlite (temporary directory)",
    serverEnv: { PGLITE_DATA_DIR: dataDir },
    open: () => openDatabase({ driver: "pglite", dataDir }),
    drop: async () => rmSync(root, { recursive: true, force: true }),
  };
}
