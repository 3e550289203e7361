// @ts-check
// The embedded database's thread: one PGlite instance, driven by messages from db/pglite-remote.ts.
// PGlite is PostgreSQL compiled to WASM and runs every query on the thread that owns it; here that is
// not the thread rendering pages, so the database's CPU runs on another core, as a server's would.
// Plain ESM JavaScript so Node loads it as is, from disk, at run time (next start bundles the app but
// not this file); the message types are in db/pglite-protocol.ts.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

/** @typedef {import("./pglite-protocol").Request} Request */
/** @typedef {import("./pglite-protocol").Response} Response */
/** @typedef {import("./pglite-protocol").SerializedError} SerializedError */
/** @typedef {import("@electric-sql/pglite").Transaction} Transaction */
/** @typedef {{ tx: Transaction, commit: () => void, rollback: (reason: unknown) => void, finished: Promise<unknown> }} OpenTransaction */

const STARTUP_ID = 0; // as in pglite-protocol.ts
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

/** PostgreSQL's error fields (pg-protocol's DatabaseError), kept across the thread. */
const ERROR_FIELDS = [
  "code",
  "severity",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
];

/** @type {PGlite} */
let pg;
/** @type {Map<number, OpenTransaction>} */
const transactions = new Map();
let lastTxId = 0;
const ROLLBACK = Symbol("rollback requested by the main thread");

/** @param {number} id @param {unknown} value */
function answer(id, value) {
  try {
    port.postMessage(/** @type {Response} */ ({ id, ok: true, value }));
  } catch (error) {
    fail(id, error); // a value structured clone refuses: the caller gets an error, not silence
  }
}

/** @param {number} id @param {unknown} error */
function fail(id, error) {
  port.postMessage(/** @type {Response} */ ({ id, ok: false, error: serializeError(error) }));
}

/** @param {unknown} error @returns {SerializedError} */
function serializeError(error) {
  if (!(error instanceof Error)) return { message: String(error), name: "Error", fields: {} };
  const source = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error));
  /** @type {Record<string, string | number>} */
  const fields = {};
  for (const name of ERROR_FIELDS) {
    const value = source[name];
    if (typeof value === "string" || typeof value === "number") fields[name] = value;
  }
  return { message: error.message, name: error.name, stack: error.stack, fields };
}

// Drizzle asks for the text of dates, timestamps and intervals as is; the main thread has checked that
// its parsers are identities and sent their type OIDs. One parsers object per set of OIDs, and none
// when there are none: PGlite copies its whole parser table for every query given a parsers object.
/** @type {Map<string, Record<number, (value: string) => string>>} */
const parserSets = new Map();
/** @param {string} value */
const identity = (value) => value;

/** @param {number[]} oids */
function identityParsers(oids) {
  if (oids.length === 0) return undefined;
  const key = oids.join(",");
  let parsers = parserSets.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(oids.map((oid) => [oid, identity]));
    parserSets.set(key, parsers);
  }
  return parsers;
}

/** @param {number} txId */
function openTransaction(txId) {
  const open = transactions.get(txId);
  if (!open) throw new Error(`Transaction ${txId} is closed.`);
  return open;
}

/**
 * Opens a PGlite transaction and holds it open until the main thread commits or rolls back: the
 * callback's JavaScript runs there, between the statements it sends here tagged with the txId.
 * @param {number} id
 */
function begin(id) {
  const txId = ++lastTxId;
  let started = false;
  /** @type {Partial<OpenTransaction>} */
  const open = {};
  open.finished = pg.transaction(
    (tx) =>
      new Promise((resolve, reject) => {
        started = true;
        Object.assign(open, { tx, commit: resolve, rollback: reject });
        transactions.set(txId, /** @type {OpenTransaction} */ (open));
        answer(id, txId);
      }),
  );
  // BEGIN itself failed: the transaction never opened, so the begin call gets the error.
  open.finished.catch((error) => {
    if (!started) fail(id, error);
  });
}

/**
 * Ends a transaction: resolving its callback makes PGlite COMMIT, rejecting it makes PGlite ROLLBACK.
 * Answers once PGlite has done so (a failed COMMIT, e.g. a deferred constraint, is the answer's error).
 * @param {number} id @param {number} txId @param {boolean} commit
 */
function end(id, txId, commit) {
  const open = openTransaction(txId);
  transactions.delete(txId);
  if (commit) open.commit();
  else open.rollback(ROLLBACK);
  open.finished.then(
    () => answer(id, null),
    (error) => (error === ROLLBACK ? answer(id, null) : fail(id, error)),
  );
}

/** @param {Request} request */
async function handle(request) {
  switch (request.type) {
    case "query": {
      const target = request.txId === null ? pg : openTransaction(request.txId).tx;
      const options = { rowMode: request.rowMode, parsers: identityParsers(request.identityParsers) };
      return answer(request.id, await target.query(request.text, request.params, options));
    }
    case "begin":
      return begin(request.id);
    case "commit":
    case "rollback":
      return end(request.id, request.txId, request.type === "commit");
    case "close":
      await pg.close();
      return answer(request.id, null);
  }
}

// Each request is handled as it comes, not one after another: a statement outside a transaction waits
// for PGlite's own lock while the transaction's statements keep arriving and running.
port.on("message", (/** @type {Request} */ request) => {
  handle(request).catch((error) => fail(request.id, error));
});

try {
  pg = await PGlite.create(/** @type {import("./pglite-protocol").WorkerStart} */ (workerData).dataDir);
  answer(STARTUP_ID, null);
} catch (error) {
  fail(STARTUP_ID, error);
}
