import { openDatabase } from "@/db/client";
import type { ConnectionConfig } from "@/db/connect";
import type { Database, DriverName } from "@/db/database";
import { createTestDatabase, postgresServerAnswers, TEST_DATABASE_URL } from "@/support/postgres-server";
import { startWsProxy } from "./ws-proxy";

export interface TestDatabase extends Database {
  /** How to open another connection to the same database (a second app instance). */
  config: ConnectionConfig;
  /** Closes connections and removes the database. */
  dispose(): Promise<void>;
}

const open: Record<DriverName, () => Promise<TestDatabase>> = {
  pglite: async () => {
    const config: ConnectionConfig = { driver: "pglite", dataDir: null };
    const database = await openDatabase(config);
    return { ...database, config, dispose: () => database.close() };
  },
  postgres: async () => {
    const fresh = await createTestDatabase();
    const config: ConnectionConfig = { driver: "postgres", url: fresh.url.toString() };
    const database = await openDatabase(config);
    return { ...database, config, dispose: async () => (await database.close(), await fresh.drop()) };
  },
  "vercel-postgres": async () => {
    const fresh = await createTestDatabase();
    const server = new URL(TEST_DATABASE_URL);
    const proxy = await startWsProxy({ host: server.hostname, port: Number(server.port || 5432) });
    // @vercel/postgres accepts only the host name "localhost" (or a Neon host); the proxy decides
    // where bytes really go.
    const url = new URL(fresh.url);
    url.hostname = "localhost";
    const config: ConnectionConfig = { driver: "vercel-postgres", url: url.toString(), wsProxy: proxy.address };
    const database = await openDatabase(config);
    return {
      ...database,
      config,
      dispose: async () => {
        await database.close();
        await proxy.close();
        await fresh.drop();
      },
    };
  },
};

/**
 * The drivers this machine can test: PGlite always; the PostgreSQL server and @vercel/postgres when
 * the server at TEST_DATABASE_URL answers. CI must test all three, so there a missing server fails.
 */
export async function availableDrivers(): Promise<DriverName[]> {
  if (await postgresServerAnswers()) return ["pglite", "postgres", "vercel-postgres"];
  if (process.env.CI) throw new Error(`CI needs the PostgreSQL server at ${TEST_DATABASE_URL}; it does not answer.`);
  console.warn(`No PostgreSQL server at ${TEST_DATABASE_URL}: testing the embedded driver only.`);
  return ["pglite"];
}

export function openTestDatabase(driver: DriverName): Promise<TestDatabase> {
  return open[driver]();
}
