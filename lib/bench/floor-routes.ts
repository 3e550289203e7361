import { getEnv } from "@/lib/env";

/**
 * The benchmark's framework-floor routes answer only when the server was started with
 * AGORA_BENCH_ROUTES=1 (by `npm run bench`), so they never ship to readers by accident.
 * Read per request, not at build time: the same build serves both ways.
 */
export function benchRoutesEnabled(): boolean {
  return getEnv().AGORA_BENCH_ROUTES === "1";
}
