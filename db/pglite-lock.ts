import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * PGlite has no lock of its own: a second process opening the same data directory gets no error and
 * silently corrupts it. This takes an exclusive lock file (created atomically with O_EXCL) holding the
 * owner's pid; a lock left by a dead process is taken over, a live one makes the opener fail clearly.
 */
export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lockFile, { force: true });
      process.once("exit", release);
      return () => {
        process.off("exit", release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockFile, "utf8").trim());
      if (owner === process.pid || !isAlive(owner)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      throw new Error(
        `The embedded database in ${dataDir} is in use by another process (pid ${owner}). ` +
          `Stop that process (another \`npm run dev\` or \`npm start\`?), or set PGLITE_DATA_DIR to another directory.`,
      );
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir} (${lockFile}).`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
