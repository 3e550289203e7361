import type { Measurement } from "../measure/load";

const started = Date.now();

/** Progress on stderr-free stdout, stamped with seconds since the run began. */
export function log(message: string): void {
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
}

export function secondsSinceStart(): number {
  return (Date.now() - started) / 1000;
}

export function describeMeasurement(measurement: Measurement): string {
  if (measurement.status !== "ok") return `missing route (${measurement.detail})`;
  const { requestsPerSecond, p50Ms, p99Ms, non2xx, socketErrors, peakRssMb, statusCodes, appCpuMsPerRequest, dbCpuMsPerRequest } = measurement;
  const codes = Object.entries(statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(" ");
  const cpu = `CPU/request ${appCpuMsPerRequest?.toFixed(2) ?? "?"} ms app${dbCpuMsPerRequest === null ? "" : ` + ${dbCpuMsPerRequest.toFixed(2)} ms database`}`;
  return `${requestsPerSecond.toFixed(0)} req/s, p50 ${p50Ms} ms, p99 ${p99Ms} ms, non-2xx ${non2xx}, socket errors ${socketErrors}, peak RSS ${peakRssMb?.toFixed(0) ?? "?"} MB, ${cpu} [${codes}]`;
}
