import { parseArgs } from "node:util";

export type DriverConfig = "postgres" | "pglite";

export interface BenchOptions {
  quick: boolean;
  /** Seconds of measured load per scenario (after a short warm-up). */
  durationSeconds: number;
  warmupSeconds: number;
  /** A fresh server's mixed warm-up before its first measurement. */
  serverWarmupSeconds: number;
  connections: number;
  /** Readers signed in over HTTP up front; their cookies rotate across requests. */
  signedInReaders: number;
  mixedSeconds: number;
  /** The larger growth point: 1,000,000 votes (100,000 in a quick run). */
  growthVotes: number;
  /** Comments in the larger growth database: 100,000 (10,000 in a quick run). */
  growthComments: number;
  drivers: DriverConfig[];
  build: boolean;
  lighthouse: boolean;
  /** Measure nothing: re-render the last full run's results (after a change to budgets or report). */
  renderOnly: boolean;
}

const USAGE = `npm run bench -- [--quick] [--duration 8] [--connections 20] [--driver postgres|pglite|both] [--skip-build] [--no-lighthouse] [--render-only]`;

/** Defaults fit the whole run in ~10 minutes on two cores; --quick is a smoke run of ~3. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      duration: { type: "string" },
      connections: { type: "string", default: "20" },
      driver: { type: "string", default: "both" },
      "skip-build": { type: "boolean", default: false },
      "no-lighthouse": { type: "boolean", default: false },
      "render-only": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const durationSeconds = positiveNumber(values.duration ?? (quick ? "3" : "8"), "--duration");
  const drivers: DriverConfig[] = values.driver === "both" ? ["postgres", "pglite"] : [driverName(values.driver)];
  return {
    quick,
    durationSeconds,
    warmupSeconds: 1,
    serverWarmupSeconds: quick ? 5 : 20,
    connections: positiveNumber(values.connections ?? "20", "--connections"),
    signedInReaders: quick ? 40 : 200,
    mixedSeconds: quick ? 15 : 60,
    growthVotes: quick ? 100_000 : 1_000_000,
    growthComments: quick ? 10_000 : 100_000,
    drivers,
    build: !values["skip-build"],
    lighthouse: !quick && !values["no-lighthouse"],
    renderOnly: values["render-only"] ?? false,
  };
}

function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} must be a positive number (got "${value}").\n${USAGE}`);
  return number;
}

function driverName(value: string | undefined): DriverConfig {
  if (value === "postgres" || value === "pglite") return value;
  throw new Error(`--driver must be postgres, pglite or both (got "${value}").\n${USAGE}`);
}
