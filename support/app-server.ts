import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";

export const TEST_AUTH_SECRET = "agora-test-secret-0123456789abcdef";

export interface AppServer {
  url: string;
  /** The server process (`next start` runs as one `next-server` process), e.g. to read its memory. */
  pid: number;
  /** Everything the server printed, for assertions and for debugging a failure. */
  output(): string;
  stop(): Promise<void>;
  /** Kills the server with a signal and does not wait (SIGKILL: a crash). */
  kill(signal: NodeJS.Signals): void;
}

/**
 * A free loopback port: one the OS picks, or — with TEST_PORT_RANGE=from-to, for machines where each
 * user keeps to a range — a free one in that range.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.TEST_PORT_RANGE ?? "");
  if (range) return freePortIn(Number(range[1]), Number(range[2]));
  return (await tryListen(0))!;
}

/** A free loopback port in [from, to], probed from a random start so parallel callers rarely collide. */
export async function freePortIn(from: number, to: number): Promise<number> {
  const size = to - from + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = await tryListen(from + ((start + i) % size));
    if (port !== null) return port;
  }
  throw new Error(`No free port between ${from} and ${to}.`);
}

async function tryListen(port: number): Promise<number | null> {
  const server = net.createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
  if (!listening) return null;
  const { port: bound } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return bound;
}

/**
 * Rate limits high enough for suites that write a lot from one IP and one reader; the suites that
 * prove the limits override these with "" (the default) or their own numbers.
 */
export const HIGH_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_COMMENTS_PER_MINUTE: "100000",
  RATE_LIMIT_COMMENTS_PER_DAY: "100000",
  RATE_LIMIT_EDITS_PER_MINUTE: "100000",
  RATE_LIMIT_EDITS_PER_DAY: "100000",
  RATE_LIMIT_VOTES_PER_MINUTE: "100000",
  RATE_LIMIT_UPVOTES_PER_MINUTE: "100000",
  RATE_LIMIT_REPORTS_PER_HOUR: "100000",
  RATE_LIMIT_SIGNINS_PER_MINUTE: "100000",
  RATE_LIMIT_EMAIL_LINKS_PER_HOUR: "100000",
};

/** The production environment the tests run the app with: dev login on, a fixed secret, high rate limits. */
export function productionEnv(
  port: number,
  database: { DATABASE_URL?: string; PGLITE_DATA_DIR?: string },
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: TEST_AUTH_SECRET,
    AUTH_URL: `http://127.0.0.1:${port}`,
    AUTH_DEV_LOGIN: "1",
    ...HIGH_RATE_LIMITS,
    ...database,
    ...extra,
  };
}

/**
 * Starts `next start` (the production build in .next/, made by `npm run build`) and waits until it
 * serves. Started as node_modules/.bin/next, not npx, so that stopping it stops the server.
 */
export async function startAppServer(env: NodeJS.ProcessEnv, port: number): Promise<AppServer> {
  const started = spawnNextStart(env, port);
  await waitUntilServing(started.child, `${started.url}/api/health`, started.output);
  return started.server;
}

/** Starts `next start` and reports what it did: serve (the running server), or exit (a refusal) with its code and output. */
export async function startOrExit(env: NodeJS.ProcessEnv, port: number): Promise<{ server: AppServer } | { exit: { code: number | null; output: string } }> {
  const started = spawnNextStart(env, port);
  try {
    await waitUntilServing(started.child, `${started.url}/api/health`, started.output);
    return { server: started.server };
  } catch (error) {
    if (started.child.exitCode === null) throw error;
    return { exit: { code: await started.closed, output: started.output() } };
  }
}

function spawnNextStart(env: NodeJS.ProcessEnv, port: number) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first (npm test does).");
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout.on("data", (chunk) => (text += chunk));
  child.stderr.on("data", (chunk) => (text += chunk));
  // "close" comes after the output streams end, so everything printed is in `text` by then.
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const output = () => text;
  const server: AppServer = { url, pid: child.pid!, output, stop: () => stopProcess(child), kill: (signal) => void child.kill(signal) };
  return { child, url, output, closed, server };
}

/** Waits until `healthUrl` answers 2xx; fails with the process's output if it exits or takes 60 s. */
export async function waitUntilServing(child: ChildProcess, healthUrl: string, output: () => string, what = "next start"): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${output()}`);
    const response = await fetch(healthUrl).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`${what} did not serve within 60 s:\n${output()}`);
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Runs `next start` expecting it to refuse to start; resolves with its exit code and output, fails if it serves. */
export async function runAppServerExpectingExit(env: NodeJS.ProcessEnv, port: number): Promise<{ code: number | null; output: string }> {
  const outcome = await startOrExit(env, port);
  if ("exit" in outcome) return outcome.exit;
  await outcome.server.stop();
  throw new Error(`next start kept running despite the misconfiguration:\n${outcome.server.output()}`);
}
