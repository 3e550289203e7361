import { connect } from "@/db/connect";
import type { Database } from "@/db/database";
import { freePort, productionEnv, startAppServer, type AppServer } from "@/support/app-server";
import { createTestDatabase, postgresServerAnswers } from "@/support/postgres-server";

export interface AppCluster {
  servers: AppServer[];
  /** A direct connection to the servers' database, for arranging and checking state. */
  database: Database;
  databaseUrl: string;
  dispose(): Promise<void>;
}

/** `count` production servers (`next start`) sharing one fresh PostgreSQL database. */
export async function startAppCluster(count: number, extraEnv: Record<string, string> = {}): Promise<AppCluster> {
  const fresh = await createTestDatabase();
  const servers: AppServer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      servers.push(await startAppServer(productionEnv(port, { DATABASE_URL: fresh.url.toString() }, extraEnv), port));
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    await fresh.drop();
    throw error;
  }
  const database = await connect({ driver: "postgres", url: fresh.url.toString(), max: 4 });
  return {
    servers,
    database,
    databaseUrl: fresh.url.toString(),
    dispose: async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await database.close();
      await fresh.drop();
    },
  };
}

/** The HTTP suites need the PostgreSQL server (several instances share it); CI must have it. */
export async function requirePostgresForHttpSuite(): Promise<boolean> {
  if (await postgresServerAnswers()) return true;
  if (process.env.CI) throw new Error("CI needs the PostgreSQL server for the HTTP suites.");
  console.warn("No PostgreSQL server: the HTTP suites need one and are not run.");
  return false;
}
