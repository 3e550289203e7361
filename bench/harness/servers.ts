import { spawn } from "node:child_process";
import { freePortIn, productionEnv, startAppServer, stopProcess, waitUntilServing } from "@/support/app-server";
import { backendSnapshots, withApplicationName, type BackendSnapshot } from "../measure/database-cpu";
import type { LoadSettings } from "../measure/load";
import type { BenchDatabase } from "./databases";
import type { BenchOptions } from "./options";

/**
 * Ports this benchmark may use on a shared machine: 4100-4199, or TEST_PORT_RANGE=from-to (the range the
 * HTTP tests keep to) where each user has a range of their own.
 */
const range = /^(\d+)-(\d+)$/.exec(process.env.TEST_PORT_RANGE ?? "");
export const PORTS = range ? { from: Number(range[1]), to: Number(range[2]) } : { from: 4100, to: 4199 };

export interface RunningServer {
  url: string;
  pid: number;
  env: NodeJS.ProcessEnv;
  /** On PostgreSQL: the CPU time of this server's own backends (told apart by application_name). */
  databaseCpu?: () => Promise<BackendSnapshot | null>;
  stop(): Promise<void>;
}

/** How a scenario is driven against `server`: the run's duration and connections, its pid and backends. */
export function loadSettings(server: RunningServer, options: BenchOptions): LoadSettings {
  return {
    seconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    connections: options.connections,
    serverPid: server.pid,
    databaseCpu: server.databaseCpu,
  };
}

/** `next start` on the production build with the test environment, the bench routes on, on `database`. */
export async function startAgora(database: BenchDatabase): Promise<RunningServer> {
  const port = await freePortIn(PORTS.from, PORTS.to);
  const databaseEnv =
    "DATABASE_URL" in database.serverEnv ? { DATABASE_URL: withApplicationName(database.serverEnv.DATABASE_URL, "agora_bench_next") } : database.serverEnv;
  const env = productionEnv(port, databaseEnv, { AGORA_BENCH_ROUTES: "1" });
  const server = await startAppServer(env, port);
  return { url: server.url, pid: server.pid, env, databaseCpu: cpuOfBackends(env), stop: server.stop };
}

/** bench/harness/bare-server.ts in its own Node process (the load generator must not share its event loop). */
export async function startBareServer(appEnv: NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = await freePortIn(PORTS.from, PORTS.to);
  const env = { ...appEnv, BARE_PORT: String(port), DATABASE_URL: withApplicationName(appEnv.DATABASE_URL!, "agora_bench_bare") };
  const child = spawn(process.execPath, ["--import", "tsx", "bench/harness/bare-server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, `${url}/health`, () => output, "the bare server");
  return { url, pid: child.pid!, env, databaseCpu: cpuOfBackends(env), stop: () => stopProcess(child) };
}

const cpuOfBackends = (env: NodeJS.ProcessEnv) => (env.DATABASE_URL ? backendSnapshots(env.DATABASE_URL) : undefined);
