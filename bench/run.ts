// npm run bench — Agora measured against the framework's floor (trivial route and page in the same
// build) and a bare Node + PostgreSQL server doing the same SQL, in one run; see README "Performance".
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { cleanUpAll } from "./harness/cleanup";
import { log, secondsSinceStart } from "./harness/log";
import { parseBenchOptions, type BenchOptions } from "./harness/options";
import { runGrowth } from "./measure/growth";
import type { LighthouseRun } from "./measure/lighthouse";
import { runDriver } from "./measure/run-driver";
import { evaluateBudgets } from "./report/budgets";
import { renderMarkdown, renderReadmeSummary } from "./report/markdown";
import { readLighthouse, RESULTS_DIR, spliceIntoReadme, writeLighthouse, writeResult } from "./report/result-files";
import type { BenchResults, DriverResult } from "./report/results";

const options = parseBenchOptions(process.argv.slice(2));
try {
  // --render-only re-renders the last full run (after a change to the budgets or the report).
  const results = options.renderOnly ? (JSON.parse(readFileSync(`${RESULTS_DIR}/latest.json`, "utf8")) as BenchResults) : await measureEverything(options);
  publish(results, options.quick);
  // The vote's lock contention, straight at PostgreSQL (issue 22): its own script, its own results file.
  if (!options.renderOnly) {
    const contention = spawnSync("node_modules/.bin/tsx", ["bench/contention.ts"], {
      stdio: "inherit",
      env: {
        ...process.env,
        CONTENTION_SECONDS: options.quick ? "1" : (process.env.CONTENTION_SECONDS ?? "4"),
        // A quick run is a smoke test: it must not replace the committed figures (bench/results/quick.* is ignored).
        ...(options.quick ? { CONTENTION_OUT: "bench/results/quick.contention.json" } : {}),
      },
    });
    if (contention.status !== 0) throw new Error(`bench:contention failed (exit ${contention.status}).`);
  }
} finally {
  await cleanUpAll();
}

async function measureEverything(options: BenchOptions): Promise<BenchResults> {
  const loadAverageBefore = os.loadavg();
  if (options.build) {
    log("next build");
    const build = spawnSync("node_modules/.bin/next", ["build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status}).`);
  }
  const drivers: DriverResult[] = [];
  let lighthouse: LighthouseRun | null = null;
  for (const driver of options.drivers) {
    const { result, lighthouse: audits } = await runDriver(driver, options);
    drivers.push(result);
    if (audits) {
      lighthouse = { date: new Date().toISOString(), source: "this run", ...audits };
      writeLighthouse(lighthouse);
    }
  }
  const growth = options.drivers.includes("postgres") ? await runGrowth(options) : null;
  const previous = lighthouse ? null : readLighthouse();
  if (previous) previous.source = `earlier: ${previous.source}`;
  return {
    meta: {
      date: new Date().toISOString(),
      commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
      mode: options.quick ? "quick" : "full",
      node: process.versions.node,
      cpus: os.cpus().length,
      loadAverageBefore,
      loadAverageAfter: os.loadavg(),
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      totalSeconds: secondsSinceStart(),
    },
    drivers,
    growth,
    lighthouse: lighthouse ?? previous,
  };
}

/** Writes bench/results/<latest|quick>.{json,md} and, for a full run, the README's Performance summary. */
function publish(results: BenchResults, quick: boolean): void {
  const budgets = evaluateBudgets(results);
  const markdown = renderMarkdown(results, budgets);
  // A quick run is a smoke test: its figures do not replace the full run's in README.md.
  const name = quick ? "quick" : "latest";
  writeResult(`${name}.json`, `${JSON.stringify({ ...results, budgets }, null, 2)}\n`);
  const file = writeResult(`${name}.md`, markdown);
  if (!quick) spliceIntoReadme(renderReadmeSummary(results, budgets));
  console.log(`\n${markdown}`);
  const failing = budgets.filter((check) => check.verdict === "FAIL").length;
  const disputed = budgets.filter((check) => check.disputed).length;
  log(`wrote ${file}${quick ? "" : " and README.md"}; ${failing} budget${failing === 1 ? "" : "s"} failing, ${disputed} disputed by CPU time`);
}
