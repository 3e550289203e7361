import type { Database } from "./database";

/** Where the open database lives: on globalThis in the app (db/client.ts), so hot reload keeps it. */
export interface DatabaseSlot {
  current?: Promise<Database>;
}

/**
 * The process's one database, opened on first use. A failed open is forgotten, so the next call
 * tries again. A handle that stopped — the embedded database's worker thread died, and every query
 * would answer 503 until a restart — is closed (releasing its data directory) and opened again,
 * once however many requests notice it at the same moment; PGlite recovers as after a crash.
 */
export async function keepOpen(slot: DatabaseSlot, open: () => Promise<Database>): Promise<Database> {
  const opening = (slot.current ??= remember(slot, open()));
  const database = await opening;
  if (!database.stopped?.()) return database;
  if (slot.current === opening)
    slot.current = remember(
      slot,
      database
        .close()
        .catch(() => {})
        .then(open),
    );
  return slot.current ?? keepOpen(slot, open);
}

function remember(slot: DatabaseSlot, opening: Promise<Database>): Promise<Database> {
  opening.catch(() => {
    if (slot.current === opening) slot.current = undefined;
  });
  return opening;
}
