// The messages between the main thread (db/pglite-remote.ts) and the PGlite worker
// (db/pglite-worker.mjs). Only structured-cloneable data crosses: no functions, no class instances.

/** Rows as arrays (Drizzle's mapped selects) or as objects (raw `execute`), as PGlite's own `rowMode`. */
export type RowMode = "array" | "object";

export type Request =
  /**
   * One statement, on the open transaction `txId` or, when null, on the database (after any open
   * transaction ends: PGlite serialises them). `identityParsers` lists the type OIDs whose text is to be
   * returned as is; the worker rebuilds those parsers, since functions cannot cross a thread.
   */
  | { id: number; type: "query"; txId: number | null; text: string; params: unknown[]; rowMode: RowMode | undefined; identityParsers: number[] }
  /** Opens a transaction once PGlite's transaction lock is free; answers its txId. */
  | { id: number; type: "begin" }
  | { id: number; type: "commit"; txId: number }
  | { id: number; type: "rollback"; txId: number }
  /** Closes PGlite (after the statements already queued); the worker may then be terminated. */
  | { id: number; type: "close" };

/** What the worker was started with (`workerData`). */
export interface WorkerStart {
  /** A directory, or "memory://". */
  dataDir: string;
}

/** The worker answers the start-up under this id, once PGlite is ready (or failed to open). */
export const STARTUP_ID = 0;

/** An error as it crosses the thread: structured clone would keep only its message, name and stack. */
export interface SerializedError {
  message: string;
  name: string;
  stack?: string;
  /** PostgreSQL's fields where there are some (code is the SQLSTATE); see ERROR_FIELDS in the worker. */
  fields: Record<string, string | number>;
}

export type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };
