import type { PGlite } from "@electric-sql/pglite";
import type { Database, Db } from "./database";
import { lockDataDirectory } from "./pglite-lock";
import { registerStatementRunner } from "./raw-sql";
import * as schema from "./schema";

// The only module that knows the drivers. Each opener is imported lazily so that a deployment loads
// just the one it uses (and `next build` never starts PGlite).

/**
 * How long a query may wait for a pooled connection. pg-pool applies this one timeout both to opening
 * a connection and to queueing for a free one, so it must allow for bursts (hundreds of requests on
 * ten connections) rather than be a quick "is the server there" probe: a stopped server refuses
 * connections at once anyway, and /api/health bounds its own wait (lib/health.ts).
 */
export const CONNECT_TIMEOUT_MS = 10_000;

export type ConnectionConfig =
  | { driver: "pglite"; dataDir: string | null }
  | { driver: "postgres"; url: string; max?: number }
  | { driver: "vercel-postgres"; url: string; wsProxy?: string; max?: number };

export async function connect(config: ConnectionConfig): Promise<Database> {
  switch (config.driver) {
    case "pglite":
      return connectPglite(config.dataDir);
    case "postgres":
      return connectPostgres(config.url, config.max);
    case "vercel-postgres":
      return connectVercelPostgres(config.url, config.wsProxy, config.max);
  }
}

/**
 * dataDir null → in memory (tests, scripts); else persisted there and locked to this process. PGlite
 * runs in a worker thread (db/pglite-remote.ts) so its CPU is not the thread that renders pages; the
 * lock stays with this process, taken before the worker opens the directory and released after it closed.
 */
async function connectPglite(dataDir: string | null): Promise<Database> {
  const { PgliteRemote } = await import("./pglite-remote");
  const { drizzle } = await import("drizzle-orm/pglite");
  const release = dataDir ? lockDataDirectory(dataDir) : () => {};
  try {
    const client = await PgliteRemote.start(dataDir ?? "memory://");
    // The remote answers the part of PGlite's interface drizzle-orm/pglite calls (query, transaction).
    const db = drizzle({ client: client as unknown as PGlite, schema }) as unknown as Db;
    // One connection, in the worker: no connection to keep prepared statements on.
    registerStatementRunner(db, (text, values) => client.query(text, values));
    return {
      db,
      driver: "pglite",
      close: async () => {
        await client.close();
        release();
      },
      stopped: () => client.stopped,
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function connectPostgres(url: string, max = 10): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  // Named statements (db/raw-sql.ts queryJson; Drizzle's own are unnamed) keep one generic plan per
  // connection. Left to choose, PostgreSQL re-plans them for every call: a custom plan looks cheaper
  // by its estimates though it comes out the same, and planning the page of threads costs more than
  // running it. A URL that sets its own `options` keeps them.
  const options = new URL(url).searchParams.has("options") ? undefined : "-c plan_cache_mode=force_generic_plan";
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, options });
  // An idle client that loses its server (restart, failover) emits 'error'; unhandled it would kill
  // the process. The pool drops that client and the next query opens a fresh one.
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  registerStatementRunner(db, (text, values, name) => pool.query({ name: name || undefined, text, values }));
  return { db, driver: "postgres", close: () => pool.end() };
}

async function connectVercelPostgres(url: string, wsProxy: string | undefined, max = 10): Promise<Database> {
  const { neonConfig } = await import("@neondatabase/serverless");
  const { createPool } = await import("@vercel/postgres");
  const { drizzle } = await import("drizzle-orm/vercel-postgres");
  if (wsProxy) {
    // Local PostgreSQL speaks TCP; a WebSocket→TCP proxy stands in for Neon's. Plain ws, no pipelining:
    // pipelined startup messages make a vanilla server answer "invalid frontend message type 112".
    neonConfig.wsProxy = () => wsProxy;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  // An explicit pool: a transaction must run on one connection, which plain `drizzle()` does not promise.
  const pool = createPool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  // Unnamed: a pooled Neon endpoint may hand each statement to another server connection, where a
  // statement prepared on the last one does not exist.
  registerStatementRunner(db, (text, values) => pool.query(text, values));
  return { db, driver: "vercel-postgres", close: () => pool.end() };
}
