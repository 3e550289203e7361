import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Results } from "@electric-sql/pglite";
import { STARTUP_ID, type Request, type Response, type RowMode, type SerializedError, type WorkerStart } from "./pglite-protocol";

// Resolved from the working directory, like drizzle/ (db/migrate.ts): under `next start` this module
// is bundled into .next/server, where import.meta.url does not point at the source tree.
const WORKER_FILE = path.join(process.cwd(), "db", "pglite-worker.mjs");

/** The part of PGlite's query options Drizzle uses (drizzle-orm/pglite/session.js). */
export interface QueryOptions {
  rowMode?: RowMode;
  /** Only identity parsers (`(value) => value`): a function cannot cross to the worker thread. */
  parsers?: Record<number, (value: string) => unknown>;
}

/** A transaction handle, as PGlite passes to its `transaction` callback. */
export interface RemoteTransaction {
  query<Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<Row>>;
}

/** A request before #call numbers it (Omit on each member of the union, not on the union). */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type Call = WithoutId<Request>;

/**
 * PGlite in a worker thread, answering the subset of PGlite's interface Drizzle calls: `query`,
 * `transaction` (with `query` on its handle; nested Drizzle transactions are savepoints through it)
 * and `close`. The transaction callback runs here, on the calling thread, between its statements.
 */
export class PgliteRemote {
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #lastId = STARTUP_ID;
  /** Set once the worker is closed or dead: every call from then on fails at once with it. */
  #stopped: Error | null = null;
  #closing: Promise<void> | null = null;

  /** Exposed so a test can kill the thread; nothing else should touch it. */
  readonly worker: Worker;

  private constructor(dataDir: string, workerFile: string) {
    // The file comes in as a parameter so that Turbopack cannot work it out: Next 16.4 bundles a
    // `new Worker(path)` it can resolve into .next/server (turbopackIgnore and webpackIgnore comments
    // did not stop it), and the worker would no longer be the one plain file the tests run. execArgv []: the worker is plain
    // JavaScript, and a TypeScript loader the parent runs under (tsx) would only slow its start.
    this.worker = new Worker(workerFile, { workerData: { dataDir } satisfies WorkerStart, execArgv: [] });
    this.worker.on("message", (response: Response) => this.#settle(response));
    this.worker.on("error", (error) => this.#die(`it failed: ${error.message}`));
    this.worker.on("exit", (code) => this.#die(`its thread exited (code ${code})`));
    // An idle worker must not keep a finished script alive; #await refs it while an answer is due.
    this.worker.unref();
  }

  /** Starts the worker and opens PGlite on `dataDir` (a directory or "memory://") there. */
  static async start(dataDir: string): Promise<PgliteRemote> {
    const remote = new PgliteRemote(dataDir, WORKER_FILE);
    try {
      await remote.#await(STARTUP_ID);
      return remote;
    } catch (error) {
      await remote.worker.terminate();
      throw error;
    }
  }

  /** Closed, or its worker died: every call fails at once from then on. */
  get stopped(): boolean {
    return this.#stopped !== null;
  }

  query<Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<Row>> {
    return this.#query(null, text, params, options);
  }

  async #query<Row>(txId: number | null, text: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results<Row>> {
    const { rowMode, parsers, ...unsupported } = options;
    if (Object.keys(unsupported).length > 0)
      throw new Error(`The PGlite worker supports only rowMode and parsers (got ${Object.keys(unsupported).join(", ")}).`);
    const identityParsers = identityParserOids(parsers);
    return (await this.#call({ type: "query", txId, text, params, rowMode, identityParsers })) as Results<Row>;
  }

  /**
   * As PGlite's: BEGIN, the callback, then COMMIT — or ROLLBACK and the callback's error when it throws.
   * Statements outside the transaction wait for it to end (PGlite serialises them in the worker).
   */
  async transaction<T>(callback: (tx: RemoteTransaction) => Promise<T>): Promise<T> {
    const txId = (await this.#call({ type: "begin" })) as number;
    const tx: RemoteTransaction = { query: (text, params, options) => this.#query(txId, text, params, options) };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      // The callback's error is the one that explains what happened; a rollback that fails (the
      // worker died) leaves nothing to undo on this side.
      await this.#call({ type: "rollback", txId }).catch(() => {});
      throw error;
    }
    await this.#call({ type: "commit", txId });
    return result;
  }

  /**
   * Closes PGlite, then the thread. As PGlite's own close, it waits for what was sent before and for an
   * open transaction to end (so its statements still go through meanwhile): an acknowledged write is
   * on disk. Calls from then on fail at once.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#stopped) return;
      try {
        await this.#call({ type: "close" });
      } finally {
        this.#stopped ??= new Error("The embedded database is closed.");
        await this.worker.terminate();
      }
    })();
    return this.#closing;
  }

  #call(call: Call): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = ++this.#lastId;
    const answer = this.#await(id);
    try {
      this.worker.postMessage({ ...call, id } as Request);
    } catch (error) {
      // A parameter structured clone refuses (a function, a symbol): the statement is not sent.
      this.#pending.delete(id);
      if (this.#pending.size === 0) this.worker.unref();
      throw error;
    }
    return answer;
  }

  #await(id: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.worker.ref();
      this.#pending.set(id, { resolve, reject });
    });
  }

  #settle(response: Response): void {
    const waiting = this.#pending.get(response.id);
    if (!waiting) return;
    this.#pending.delete(response.id);
    if (this.#pending.size === 0) this.worker.unref();
    if (response.ok) waiting.resolve(response.value);
    else waiting.reject(rebuildError(response.error));
  }

  /** The worker is gone: whatever waits for it and whatever comes later fails with why, never hangs. */
  #die(reason: string): void {
    // After close() the thread's exit is expected: the "closed" error stays the answer.
    this.#stopped ??= new Error(`The embedded database (PGlite worker) stopped: ${reason}.`);
    for (const waiting of this.#pending.values()) waiting.reject(this.#stopped);
    this.#pending.clear();
  }
}

const PROBE = "\u0000identity-probe";

/** The OIDs of `parsers`, which must all return their input unchanged (Drizzle's are `(value) => value`). */
function identityParserOids(parsers: QueryOptions["parsers"]): number[] {
  if (!parsers) return [];
  return Object.entries(parsers).map(([oid, parse]) => {
    if (parse(PROBE) !== PROBE) throw new Error(`The PGlite worker supports only identity parsers; the one for type ${oid} is not.`);
    return Number(oid);
  });
}

/** An Error carrying PostgreSQL's fields (code, constraint, detail…), as callers read them on PGlite's. */
function rebuildError(serialized: SerializedError): Error {
  const error = Object.assign(new Error(serialized.message), serialized.fields);
  error.name = serialized.name;
  // The worker's stack shows where PostgreSQL failed; this thread's would only show the message handler.
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
