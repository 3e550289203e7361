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
  /** Offered load in requests per second over all connections; unset, every connection sends as fast as it can. */
  ratePerSecond?: number;
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
  const missing = await probeAll(baseUrl, factories);
  if (missing) return missing;
  await warmUp(baseUrl, factories, settings);
  return { status: "ok", ...figuresOf([await sampledRun(baseUrl, factories, settings, settings.seconds)]) };
}

/** A missing-route measurement if any of `factories` hits a route this branch lacks, else null. */
export async function probeAll(baseUrl: string, factories: CallFactory[]): Promise<Measurement | null> {
  for (const factory of factories) {
    const { missing, detail } = await probe(baseUrl, factory);
    if (missing) return { status: "missing route", detail };
  }
  return null;
}

/**
 * Brings a fresh server to steady state before anything is measured: V8 keeps optimising Next's code
 * for tens of seconds of load (CPU per request still falls by a third after the first 10 s), so each
 * route of `factories` that exists takes turns in one mixed load for `seconds`.
 */
export async function warmUpServer(baseUrl: string, factories: CallFactory[], connections: number, seconds: number): Promise<void> {
  const present: CallFactory[] = [];
  for (const factory of factories) if (!(await probe(baseUrl, factory)).missing) present.push(factory);
  if (present.length > 0 && seconds > 0) await run(baseUrl, present, seconds, connections);
}

export async function warmUp(baseUrl: string, factories: CallFactory[], settings: LoadSettings, seconds = settings.warmupSeconds): Promise<void> {
  if (seconds > 0) await run(baseUrl, factories, seconds, settings.connections);
}

/** One measured autocannon run with the server's memory and CPU time around it. */
export interface RunSample {
  result: autocannon.Result;
  peakRssMb: number | null;
  appCpuMs: number | null;
  dbCpuMs: number | null;
}

export async function sampledRun(baseUrl: string, factories: CallFactory[], settings: LoadSettings, seconds: number): Promise<RunSample> {
  const pid = settings.serverPid;
  const [memory, appCpuBefore, dbBefore] = [
    pid === null ? null : sampleRss(pid),
    pid === null ? null : treeCpuMs(pid),
    (await settings.databaseCpu?.()) ?? null,
  ];
  const result = await run(baseUrl, factories, seconds, settings.connections, settings.ratePerSecond);
  const [peakRssMb, appCpuAfter, dbAfter] = [memory?.stop() ?? null, pid === null ? null : treeCpuMs(pid), (await settings.databaseCpu?.()) ?? null];
  return {
    result,
    peakRssMb,
    appCpuMs: appCpuBefore === null || appCpuAfter === null ? null : appCpuAfter - appCpuBefore,
    dbCpuMs: dbBefore && dbAfter ? backendCpuBetween(dbBefore, dbAfter) : null,
  };
}

/** The figures of one run, or of several short runs of the same thing (latencies: their medians). */
export function figuresOf(samples: RunSample[]): LoadFigures {
  const requests = samples.reduce((sum, sample) => sum + sample.result.requests.total, 0);
  const seconds = samples.reduce((sum, sample) => sum + sample.result.duration, 0);
  const statusCodes: Record<string, number> = {};
  for (const sample of samples) {
    for (const [code, stats] of Object.entries(sample.result.statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + (stats.count ?? 0);
  }
  const total = (pick: (sample: RunSample) => number | null) =>
    samples.some((sample) => pick(sample) === null) ? null : samples.reduce((sum, sample) => sum + pick(sample)!, 0);
  const perRequest = (ms: number | null) => (ms === null || requests === 0 ? null : ms / requests);
  const peaks = samples.map((sample) => sample.peakRssMb).filter((peak) => peak !== null);
  return {
    requestsPerSecond: seconds > 0 ? requests / seconds : 0,
    p50Ms: median(samples.map((sample) => sample.result.latency.p50)),
    p99Ms: median(samples.map((sample) => sample.result.latency.p99)),
    requests,
    non2xx: samples.reduce((sum, sample) => sum + sample.result.non2xx, 0),
    socketErrors: samples.reduce((sum, sample) => sum + sample.result.errors, 0), // autocannon counts timeouts among them
    statusCodes,
    peakRssMb: peaks.length > 0 ? Math.max(...peaks) : null,
    appCpuMsPerRequest: perRequest(total((sample) => sample.appCpuMs)),
    dbCpuMsPerRequest: perRequest(total((sample) => sample.dbCpuMs)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function run(baseUrl: string, factories: CallFactory[], seconds: number, connections: number, ratePerSecond?: number): Promise<autocannon.Result> {
  return autocannon({
    url: baseUrl,
    connections,
    ...(ratePerSecond ? { overallRate: ratePerSecond } : {}),
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
