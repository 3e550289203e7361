import type { Db } from "./database";

/** The handle a transaction callback receives. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** SQLSTATEs after which the whole transaction can simply run again: deadlock, serialization failure. */
const RETRYABLE_SQLSTATE = new Set(["40P01", "40001"]);
const MAX_ATTEMPTS = 4;

/**
 * Runs `work` in one transaction, running it again (a few times, after a short random pause) when
 * PostgreSQL aborted it as a deadlock victim or for a serialization failure. `work` must therefore
 * have no effects outside the transaction.
 */
export async function runTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return retryingConflicts(() => db.transaction(work));
}

/**
 * Runs `attempt` — one transaction, or one statement that is a transaction of its own (a database
 * function call) — again when PostgreSQL aborted it as a deadlock victim or for a serialization
 * failure. Such an abort undoes everything the attempt did, so running it again is safe.
 */
export async function retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * n));
    }
  }
}

function isRetryable(error: unknown): boolean {
  // Drizzle wraps the driver's error: the SQLSTATE is on `cause.code` (or on the error itself).
  for (let current = error, depth = 0; current && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_SQLSTATE.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
