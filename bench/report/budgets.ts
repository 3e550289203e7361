import { VOTE } from "../measure/scenarios";
import { cpuGrowth, errorsOf, floorCpuRatio, floorRatio, kilobytes, ok, p50Growth, percent, scenario, times } from "./figures";
import type { BenchResults, DriverResult, GrowthPoint } from "./results";

export type Verdict = "PASS" | "FAIL" | "MISSING" | "NOT RUN";

export interface BudgetCheck {
  budget: string;
  scope: string;
  measured: string;
  verdict: Verdict;
  /** The same budget judged on CPU time per request would say the opposite: the machine was too busy. */
  disputed?: boolean;
}

const pass = (condition: boolean): Verdict => (condition ? "PASS" : "FAIL");
const missing = (budget: string, scope: string, why = "route missing on this branch"): BudgetCheck => ({ budget, scope, measured: why, verdict: "MISSING" });

/** Every budget of the issue, PASS/FAIL per configuration; MISSING where the route is not here yet. */
export function evaluateBudgets(results: BenchResults): BudgetCheck[] {
  const checks = results.drivers.flatMap((run) => throughputBudgets(run, results.meta.connections));
  const postgres = results.drivers.find((run) => run.driver === "postgres");
  if (postgres) checks.push(...growthBudgets(results, postgres), ...coldStartBudgets(postgres), ...pageBudgets(postgres), ...memoryBudgets(postgres));
  checks.push(...lighthouseBudgets(results));
  for (const run of results.drivers) {
    const problems = run.voteProblemsAfterLoad;
    checks.push({
      budget: "Vote invariants hold after the load",
      scope: run.driver,
      measured: problems.length === 0 ? "tallies = recount, history replays" : problems.slice(0, 2).join("; "),
      verdict: pass(problems.length === 0),
    });
  }
  return checks;
}

function throughputBudgets(run: DriverResult, connections: number): BudgetCheck[] {
  const share = (id: string, budget: string, minimum: number): BudgetCheck => {
    const result = scenario(run, id);
    const ratio = result ? floorRatio(result) : null;
    if (ratio === null) return missing(budget, run.driver);
    const byCpu = floorCpuRatio(result!);
    const measured = `${percent(ratio)}${byCpu === null ? "" : ` (by CPU: ${percent(byCpu)})`}`;
    return { budget, scope: run.driver, measured, verdict: pass(ratio >= minimum), disputed: byCpu !== null && ratio >= minimum !== byCpu >= minimum };
  };
  const checks = [share("vote-put", "Vote PUT ≥ 60% of the trivial handler's req/s", 0.6)];
  const vote = ok(scenario(run, "vote-put")?.measurement);
  if (vote) {
    // Judged at the load the throughput budget asks for; flat out, p99 is queueing (the trivial handler's
    // own flat-out p99 in the same minute says how much), shown beside it.
    const result = scenario(run, "vote-put")!;
    const floor = ok(result.floorMeasurement);
    const paced = ok(result.paced?.measurement);
    const flatOut = `flat out ${vote.p99Ms} ms${floor ? `, trivial handler flat out ${floor.p99Ms} ms` : ""}`;
    const budget = `Vote PUT p99 ≤ 100 ms at ${connections} connections`;
    checks.push(
      paced
        ? {
            budget,
            scope: run.driver,
            measured: `${paced.p99Ms} ms at ${result.paced!.ratePerSecond} req/s offered (${percent(VOTE.pacedShareOfFloor!)} of the trivial handler; ${flatOut})`,
            verdict: pass(paced.p99Ms <= 100 && paced.requestsPerSecond >= 0.95 * result.paced!.ratePerSecond),
          }
        : missing(budget, run.driver, `not measured at a steady rate (${flatOut})`),
    );
    const errors = errorsOf(vote) + (paced ? errorsOf(paced) : 0);
    const detail = `non-2xx ${vote.non2xx + (paced?.non2xx ?? 0)}, socket ${vote.socketErrors + (paced?.socketErrors ?? 0)}`;
    checks.push({
      budget: "Vote PUT: 0 errors",
      scope: run.driver,
      measured: `${errors} (${detail}${paced ? ", flat out and paced" : ""})`,
      verdict: pass(errors === 0),
    });
  }
  checks.push(
    share("essay-anonymous", "GET / anonymous ≥ 70% of the trivial dynamic page", 0.7),
    share("essay-reader", "GET / signed in ≥ 50% of the trivial dynamic page", 0.5),
    share("section-page", "GET /sections/{id} (10,000 comments) ≥ 50% of the trivial dynamic page", 0.5),
    ...essayDatabaseBudgets(run),
    share("comment-post", "Comment POST ≥ 50% of the trivial handler", 0.5),
    share("comments-small", "Comments GET (10) ≥ 50% of the trivial handler", 0.5),
    share("comments-big", "Comments GET (10,000) ≥ 50% of the trivial handler", 0.5),
    share("results-page", "GET /results ≥ 70% of the trivial dynamic page", 0.7),
    share("results-api", "GET /api/results ≥ 70% of the trivial handler", 0.7),
  );
  return checks;
}

/** The essay's database work per request, where the benchmark can read its backends' CPU time (PostgreSQL). */
function essayDatabaseBudgets(run: DriverResult): BudgetCheck[] {
  return ["essay-anonymous", "essay-reader"].flatMap((id) => {
    const result = scenario(run, id);
    const figures = ok(result?.measurement);
    if (!result || figures?.dbCpuMsPerRequest == null) return [];
    const budget = `Database CPU per ${result.label} ≤ 1 ms`;
    return [{ budget, scope: run.driver, measured: `${figures.dbCpuMsPerRequest.toFixed(2)} ms`, verdict: pass(figures.dbCpuMsPerRequest <= 1) }];
  });
}

function growthBudgets(results: BenchResults, postgres: DriverResult): BudgetCheck[] {
  const check = (point: GrowthPoint | undefined, budget: string, limit: number): BudgetCheck => {
    const ratio = point ? p50Growth(point) : null;
    if (!point || ratio === null) return missing(budget, "postgres");
    const byCpu = cpuGrowth(point);
    const measured = `${times(ratio)} (${ok(point.large)!.p50Ms} vs ${ok(point.small)!.p50Ms} ms${byCpu === null ? "" : `; CPU per request ${times(byCpu)}`})`;
    return { budget, scope: "postgres", measured, verdict: pass(ratio <= limit), disputed: byCpu !== null && ratio <= limit !== byCpu <= limit };
  };
  const growth = results.growth;
  const n = (count: number) => count.toLocaleString("en");
  const size = (votes: number, comments: number | undefined) => `${n(votes)} votes${comments === undefined ? "" : ` and ${n(comments)} comments`}`;
  return [
    ...(growth?.points ?? []).map((point) =>
      check(
        point,
        `${point.label} p50 at ${size(growth!.largeVotes, growth!.largeComments)} ≤ 1.5× at ${size(growth!.smallVotes, growth!.smallComments)}`,
        1.5,
      ),
    ),
    check(postgres.commentGrowth, "Comments first page p50 at 10,000 comments ≤ 2× at 10", 2),
  ];
}

function coldStartBudgets(run: DriverResult): BudgetCheck[] {
  const coldStart = run.coldStart;
  const floor = coldStart?.targets.find((target) => target.id === "floor-page");
  return ["essay", "vote-put"].map((id) => {
    const target = coldStart?.targets.find((candidate) => candidate.id === id);
    const budget = `Cold start: first 200 of ${target?.label ?? id} ≤ 1.5× the trivial page's`;
    if (!target || !floor) return { budget, scope: "postgres", measured: "not measured", verdict: "NOT RUN" as const };
    const ratio = target.medianMs / floor.medianMs;
    return {
      budget,
      scope: "postgres",
      measured: `${times(ratio)} (${target.medianMs.toFixed(0)} vs ${floor.medianMs.toFixed(0)} ms, medians)`,
      verdict: pass(ratio <= 1.5),
    };
  });
}

function pageBudgets(run: DriverResult): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const essay = run.pageWeight?.find((page) => page.path === "/");
  const floor = run.pageWeight?.find((page) => page.path === "/bench/floor");
  if (essay && floor) {
    const extra = essay.scriptBytes - floor.scriptBytes;
    checks.push({
      budget: "/ ships ≤ 25 kB gzip JavaScript beyond the trivial page",
      scope: "build",
      measured: `${kilobytes(extra)} kB (${kilobytes(essay.scriptBytes)} − ${kilobytes(floor.scriptBytes)})`,
      verdict: pass(extra <= 25 * 1024),
    });
  }
  if (run.noScript)
    checks.push({ budget: "Reading the essay needs no client JavaScript", scope: "build", measured: run.noScript.detail, verdict: pass(run.noScript.ok) });
  return checks;
}

function memoryBudgets(run: DriverResult): BudgetCheck[] {
  const budget = `Server RSS after the ${run.mixed?.seconds ?? 60}-second mixed load ≤ 512 MB`;
  const rss = run.mixed?.rssAfterMb;
  if (rss === undefined || rss === null) return [{ budget, scope: "postgres", measured: "not measured", verdict: "NOT RUN" }];
  return [{ budget, scope: "postgres", measured: `${rss.toFixed(0)} MB`, verdict: pass(rss <= 512) }];
}

function lighthouseBudgets(results: BenchResults): BudgetCheck[] {
  const budget = (path: string) => `Lighthouse mobile ${path}: Performance ≥ 95, Accessibility, Best Practices, SEO 100`;
  if (!results.lighthouse)
    return ["/", "/results", "/sections/{id}"].map((path) => ({ budget: budget(path), scope: "postgres", measured: "not run", verdict: "NOT RUN" as const }));
  const slowdown = results.lighthouse.calibration ? `, CPU ${results.lighthouse.calibration.cpuSlowdownMultiplier}×` : "";
  return results.lighthouse.pages.map(({ path, scores }) => ({
    budget: budget(path),
    scope: `${results.lighthouse!.source}${slowdown}`,
    measured: `${scores.performance} · ${scores.accessibility} · ${scores["best-practices"]} · ${scores.seo}`,
    verdict: pass(scores.performance >= 95 && scores.accessibility === 100 && scores["best-practices"] === 100 && scores.seo === 100),
  }));
}
