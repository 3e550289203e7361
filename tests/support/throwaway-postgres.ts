import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/support/app-server";

/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, its own port), so a test can
 * stop and start it without touching the shared server. PostgreSQL refuses to run as root, so as root
 * it runs as the `postgres` system user.
 */
export interface ThrowawayPostgres {
  url: string;
  port: number;
  stop(): void;
  start(): void;
  destroy(): void;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error("No PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql).");
  return path.join(root, version, "bin");
}

export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  const parent = mkdtempSync(path.join(tmpdir(), "agora-pg-"));
  chmodSync(parent, 0o777);
  const dataDir = path.join(parent, "data");
  const port = await freePort();
  const asPostgres = (command: string, args: string[]) => {
    const full = path.join(bin, command);
    if (process.getuid?.() === 0) execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "pipe" });
    else execFileSync(full, args, { stdio: "pipe" });
  };
  asPostgres("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${parent} -c listen_addresses=127.0.0.1 -c fsync=on`;
  const start = () => asPostgres("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(parent, "log"), "-w", "start"]);
  const stop = () => asPostgres("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
