import autocannon from "autocannon";
import { backendCpuBetween, type BackendSnapshot } from "./database-cpu";
import { sampleRss, treeCpuMs } from "./process-tree";

/** One HTTP request of a scenario, built afresh for every request (rotating readers, ids, bodies). */
export interface HttpCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
export type CallFactory = () => HttpCall;

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses outside 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
  statusCodes: Record<string, number>;
  /** Peak resident memory of the server's process tree during the measured part. */
  peakRssMb: number | null;
  /** CPU time of the server's process tree per request (the app, and PGlite when embedded). */
  appCpuMsPerRequest: number | null;
  /** CPU time of the server's PostgreSQL backends per request, when PostgreSQL runs on this machine. */
  dbCpuMsPerRequest: number | null;
}

export type Measurement = ({ status: "ok" } & LoadFigures) | { status: "missing route"; detail: string };

export interface LoadSettings {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** The server whose memory and CPU time are read; null for none. */
  serverPid: number | null;
  /** Reads the CPU time of the server's database backends, if it has its own. */
  databaseCpu?: () => Promise<BackendSnapshot | null>;
}

/** Browsers accept compressed answers; so does every benchmark request. */
const CLIENT_HEADERS = { "accept-encoding": "gzip" };

/**
 * A route this branch does not have answers a 404 or 405 that is not the API's JSON error (Next's
 * not-found page, an empty 405, the bare server's plain "missing route"). An API 404 for a missing
 * resource is JSON, and counts as an error instead.
 */
export async function probe(baseUrl: string, factory: CallFactory): Promise<{ missing: boolean; detail: string }> {
  const call = factory();
  const response = await fetch(new URL(call.path, baseUrl), {
    method: call.method,
    headers: { ...CLIENT_HEADERS, ...call.headers },
    body: call.body,
    redirect: "manual",
  });
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text();
  const missing = (response.status === 404 || response.status === 405) && !type.startsWith("application/json");
  return { missing, detail: `${call.method} ${call.path} → ${response.status}${missing ? "" : ` ${text.slice(0, 160)}`}` };
}

/**
 * Probes, warms up (Next loads a route's code on its first request), then measures `factories` for a
 * bounded time with autocannon; several factories take turns on every connection (a mixed load).
 */
export async function measure(baseUrl: string, factories: CallFactory[], settings: LoadSettings): Promise<Measurement> {
  for (const factory of factories) {
    const { missing, detail } = await probe(baseUrl, factory);
    if (missing) return { status: "missing route", detail };
  }
  if (settings.warmupSeconds > 0) await run(baseUrl, factories, settings.warmupSeconds, settings.connections);
  const pid = settings.serverPid;
  const [memory, appCpuBefore, dbBefore] = [pid === null ? null : sampleRss(pid), pid === null ? null : treeCpuMs(pid), (await settings.databaseCpu?.()) ?? null];
  const result = await run(baseUrl, factories, settings.seconds, settings.connections);
  const [peakRssMb, appCpuAfter, dbAfter] = [memory?.stop() ?? null, pid === null ? null : treeCpuMs(pid), (await settings.databaseCpu?.()) ?? null];
  const perRequest = (ms: number | null) => (ms === null || result.requests.total === 0 ? null : ms / result.requests.total);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
  return {
    status: "ok",
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    socketErrors: result.errors, // autocannon counts timeouts among them
    statusCodes,
    peakRssMb,
    appCpuMsPerRequest: perRequest(appCpuBefore === null || appCpuAfter === null ? null : appCpuAfter - appCpuBefore),
    dbCpuMsPerRequest: perRequest(dbBefore && dbAfter ? backendCpuBetween(dbBefore, dbAfter) : null),
  };
}

function run(baseUrl: string, factories: CallFactory[], seconds: number, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    requests: factories.map((factory) => ({
      setupRequest: (request: autocannon.Request) => {
        const call = factory();
        return { ...request, method: call.method, path: call.path, headers: { ...CLIENT_HEADERS, ...call.headers }, body: call.body };
      },
    })),
  });
}
