import { spawn } from "node:child_process";
import { freePortIn, stopProcess } from "@/support/app-server";
import type { RunningServer } from "../harness/servers";
import type { ColdStartResult, ColdStartTarget } from "../report/results";
import type { HttpCall } from "./load";

/** How often a starting server is asked: fine enough to resolve tens of milliseconds. */
const POLL_MS = 20;

interface Target {
  id: string;
  label: string;
  call(origin: string): HttpCall;
}

/**
 * What a new serverless instance costs its first reader: the time from spawning `next start` to the
 * first 200 of one request, for the trivial page and for the essay and a vote in the same build, each on
 * a fresh server on the same database (already migrated and synced, as a deployed database is). Samples
 * are taken in turns (floor, essay, vote, floor, …) so a swing in the machine's load falls on all three.
 */
export async function measureColdStart(
  server: RunningServer,
  ports: { from: number; to: number },
  cookie: string,
  proposalId: string,
  rounds: number,
): Promise<ColdStartResult> {
  const targets: Target[] = [
    { id: "floor-page", label: "GET /bench/floor (trivial dynamic page)", call: () => ({ method: "GET", path: "/bench/floor" }) },
    { id: "essay", label: "GET /", call: () => ({ method: "GET", path: "/" }) },
    {
      id: "vote-put",
      label: "PUT /api/proposals/{id}/vote",
      call: (origin) => ({
        method: "PUT",
        path: `/api/proposals/${proposalId}/vote`,
        headers: { "content-type": "application/json", origin, cookie },
        body: JSON.stringify({ stance: 1 }),
      }),
    },
  ];
  const samples = new Map<string, number[]>(targets.map((target) => [target.id, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) samples.get(target.id)!.push(await firstOkAfterStart(server.env, ports, target));
  }
  const results: ColdStartTarget[] = targets.map((target) => {
    const sorted = [...samples.get(target.id)!].sort((a, b) => a - b);
    return { id: target.id, label: target.label, samplesMs: samples.get(target.id)!, medianMs: sorted[Math.floor(sorted.length / 2)]! };
  });
  return { pollMs: POLL_MS, targets: results };
}

async function firstOkAfterStart(baseEnv: NodeJS.ProcessEnv, ports: { from: number; to: number }, target: Target): Promise<number> {
  const port = await freePortIn(ports.from, ports.to);
  const origin = `http://127.0.0.1:${port}`;
  const env = { ...baseEnv, AUTH_URL: origin };
  const started = performance.now();
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  try {
    const deadline = started + 60_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}: ${errors.slice(-1000)}`);
      const call = target.call(origin);
      const response = await fetch(new URL(call.path, origin), { method: call.method, headers: call.headers, body: call.body, redirect: "manual" }).catch(
        () => null,
      );
      if (response) await response.arrayBuffer();
      if (response?.status === 200) return performance.now() - started;
      if (response && response.status !== 200) throw new Error(`${target.label} answered ${response.status} on a fresh server`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`${target.label}: no 200 within 60 s of starting the server`);
  } finally {
    await stopProcess(child);
  }
}
