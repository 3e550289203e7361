import { spawn } from "node:child_process";
import { freePortIn, productionEnv, startAppServer, stopProcess, waitUntilServing } from "@/tests/support/app-server";
import type { BenchDatabase } from "./databases";

/** Ports this benchmark may use on a shared machine. */
const PORTS = { from: 4100, to: 4199 };

export interface RunningServer {
  url: string;
  pid: number;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** `next start` on the production build with the test environment, the bench routes on, on `database`. */
export async function startAgora(database: BenchDatabase): Promise<RunningServer> {
  const port = await freePortIn(PORTS.from, PORTS.to);
  const env = productionEnv(port, database.serverEnv, { AGORA_BENCH_ROUTES: "1" });
  const server = await startAppServer(env, port);
  return { url: server.url, pid: server.pid, env, stop: server.stop };
}

/** bench/bare-server.ts in its own Node process (the load generator must not share its event loop). */
export async function startBareServer(appEnv: NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = await freePortIn(PORTS.from, PORTS.to);
  const env = { ...appEnv, BARE_PORT: String(port) };
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(child, `${url}/health`, () => output, "the bare server");
  return { url, pid: child.pid!, env, stop: () => stopProcess(child) };
}
