import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite has no lock of its own: a second process opening the same data directory gets no error and
 * silently corrupts it. This takes an exclusive lock file beside the directory holding the owner's pid.
 *
 * The file appears with its content or not at all (written under a private name, then hard-linked to
 * the lock's name, which fails if it exists): created empty and filled after, a concurrent opener could
 * read "" in between, take the owner for dead and take over. A lock whose pid is dead is taken over;
 * one with a live pid makes the opener fail clearly; one that holds no pid at all (left by something
 * else, or damaged) is treated as held, naming the file, rather than guessed about.
 */
export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createWithPid(lockFile)) return releaser(lockFile);
    const owner = readOwner(lockFile);
    if (owner === GONE) continue; // released between our attempt and the read: try again
    if (owner === GARBLED) throw garbledLock(dataDir, lockFile);
    if (owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another process (pid ${owner}). ` +
          `Stop that process (another \`npm run dev\` or \`npm start\`?), or set PGLITE_DATA_DIR to another directory.`,
      );
    }
    removeStaleLock(dataDir, lockFile, owner);
  }
  throw new Error(`Could not lock the embedded database in ${dataDir} (${lockFile}): other processes kept taking it. Try again.`);
}

const MAX_ATTEMPTS = 200;
const GONE = -1;
const GARBLED = -2;

/** Creates `file` holding this process's pid, atomically; false if it already exists. */
function createWithPid(file: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(draft, String(process.pid), { flag: "wx" });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/** The pid in a lock file; GONE if there is no file, GARBLED if it holds anything but a pid. */
function readOwner(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return GONE;
    return GARBLED;
  }
  return /^\s*[1-9]\d{0,9}\s*$/.test(text) ? Number(text) : GARBLED;
}

/**
 * Removes a lock whose owner is dead — one taker at a time. Two openers that both judged the same lock
 * stale must not both remove "it": the second would remove the first one's fresh lock. So removal
 * happens only under a second lock file (taken the same atomic way), after reading the lock again.
 */
function removeStaleLock(dataDir: string, lockFile: string, staleOwner: number): void {
  const guard = `${lockFile}.takeover`;
  if (!createWithPid(guard)) {
    const taker = readOwner(guard);
    if (taker === GARBLED || (taker !== GONE && taker !== process.pid && !isAlive(taker))) throw garbledLock(dataDir, guard);
    pause(5); // another opener is taking over right now: look again once it is done
    return;
  }
  try {
    const owner = readOwner(lockFile);
    if (owner === staleOwner && (owner === process.pid || !isAlive(owner))) rmSync(lockFile, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

function releaser(lockFile: string): () => void {
  const release = () => {
    if (readOwner(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
  process.once("exit", release);
  return () => {
    process.off("exit", release);
    release();
  };
}

function garbledLock(dataDir: string, file: string): Error {
  return new Error(
    `The embedded database in ${dataDir} is locked by ${file}, which names no live process this server can check. ` +
      `If no other process uses the database, delete that file and start again.`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A synchronous pause: opening the database is synchronous up to here, and waits only a few ms. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
