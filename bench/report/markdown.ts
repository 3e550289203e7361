import { ROUNDS } from "../measure/in-turns";
import { everyAuditedPage, LIGHTHOUSE_RUNS } from "../measure/lighthouse";
import type { BudgetCheck } from "./budgets";
import { bareRatio, cpuGrowth, errorsOf, floorCpuRatio, floorRatio, kilobytes, ok, p50Growth, percent, times } from "./figures";
import type { BenchResults, DriverResult, GrowthPoint } from "./results";

const DRIVER_NAMES = { postgres: "PostgreSQL server (pg)", pglite: "embedded PGlite" };

const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");

/** bench/results/latest.md: the budgets first, then every figure behind them. */
export function renderMarkdown(results: BenchResults, budgets: BudgetCheck[]): string {
  const parts = [
    runLine(results),
    budgetSection(budgets),
    ...results.drivers.map(throughputSection),
    growthSection(results),
    coldStartSection(results),
    pageWeightSection(results),
    memorySection(results),
    lighthouseSection(results),
  ];
  return `${parts.filter(Boolean).join("\n\n")}\n`;
}

/** What README.md shows: the budgets and the PostgreSQL figures; the rest stays in latest.md. */
export function renderReadmeSummary(results: BenchResults, budgets: BudgetCheck[]): string {
  const postgres = results.drivers.find((run) => run.driver === "postgres");
  const more = "Every figure (PGlite, growth, page weight, memory, Lighthouse): [bench/results/latest.md](bench/results/latest.md).";
  return [runLine(results), budgetSection(budgets), postgres ? throughputSection(postgres) : "", more].filter(Boolean).join("\n\n");
}

function runLine({ meta }: BenchResults): string {
  const load = (averages: number[]) => averages.map((n) => n.toFixed(1)).join(" ");
  return (
    `Run ${meta.date} (${meta.mode}) on commit \`${meta.commit}\`: Node ${meta.node}, ${meta.cpus} cores, load average ${load(meta.loadAverageBefore)} before and ` +
    `${load(meta.loadAverageAfter)} after; ${meta.durationSeconds} s per scenario at ${meta.connections} connections over loopback; ` +
    `${(meta.totalSeconds / 60).toFixed(1)} minutes in all. Absolute figures drift on a shared machine: read the ratios, measured in the same run against references served the same way.`
  );
}

function budgetSection(budgets: BudgetCheck[]): string {
  const verdict = (check: BudgetCheck) => `${check.verdict === "PASS" ? "PASS" : `**${check.verdict}**`}${check.disputed ? " \\*" : ""}`;
  const rows = budgets.map((check) => [check.budget, check.scope, check.measured, verdict(check)]);
  const disputed = budgets.some((check) => check.disputed)
    ? "\\* Judged on CPU time per request instead, this budget would get the opposite verdict. The budgets name req/s; CPU time per request (the app's and its database's, over the floor's, which uses no database) is what a machine with no core to spare would show, and the steadier figure when a busy machine distorts req/s."
    : "";
  return ["#### Budgets", table(["budget", "where", "measured", "verdict"], rows), disputed].filter(Boolean).join("\n\n");
}

function throughputSection(run: DriverResult): string {
  const rows = run.scenarios.map((result) => {
    const figures = ok(result.measurement);
    if (!figures) return [result.label, "missing route", "", "", "", "", "", "", "", "", ""];
    const [floor, bare] = [ok(result.floorMeasurement), ok(result.bareMeasurement)];
    const [toFloor, toBare] = [floorRatio(result), bareRatio(result)];
    const nonOk = Object.entries(figures.statusCodes).filter(([code]) => !code.startsWith("2"));
    return [
      result.label,
      figures.requestsPerSecond.toFixed(0),
      String(figures.p50Ms),
      String(figures.p99Ms),
      errorsOf(figures) === 0 ? "0" : `${errorsOf(figures)} (${nonOk.map(([code, n]) => `${code}×${n}`).join(" ") || "socket"})`,
      figures.peakRssMb?.toFixed(0) ?? "?",
      floor ? `${floor.requestsPerSecond.toFixed(0)} (${result.floor})` : "",
      toFloor === null ? "" : percent(toFloor),
      floorCpuRatio(result) === null ? "" : percent(floorCpuRatio(result)!),
      bare ? bare.requestsPerSecond.toFixed(0) : result.bareMeasurement === null ? "missing" : "",
      toBare === null ? "" : percent(toBare),
    ];
  });
  return [
    `#### ${DRIVER_NAMES[run.driver]}`,
    `${run.seed.readers.toLocaleString("en")} readers with ${run.seed.votes.toLocaleString("en")} votes, ${run.seed.comments.toLocaleString("en")} comments (10,000 in \`${run.seed.bigSection}\`, 10 in \`${run.seed.smallSection}\`, new ones posted to \`${run.seed.writeSection}\`); ${run.signedInReaders} signed-in readers rotate across requests. Each scenario is measured in ${ROUNDS} short runs taken in turns with its framework floor (the trivial handler for API routes, the trivial dynamic page for pages), so both see the same minutes of the machine${run.driver === "postgres" ? ", then the bare server doing the same work right after" : ""}; the ratios compare those neighbours. "By CPU" is the floor's CPU time per request (app + database) over the scenario's: the ratio a machine that runs out of CPU would show, steadier than req/s on a busy one.`,
    table(["scenario", "req/s", "p50 ms", "p99 ms", "errors", "peak RSS MB", "floor req/s", "× floor", "× floor by CPU", "bare req/s", "× bare"], rows),
    cpuTable(run),
  ].join("\n\n");
}

/**
 * Where the time goes: CPU per request of the app process and of its database backends, beside the
 * floor's and the bare server's. Less sensitive to a busy machine than req/s, and it splits a gap into
 * framework (app − bare app) and database work.
 */
function cpuTable(run: DriverResult): string {
  const ms = (value: number | null | undefined) => (value === null || value === undefined ? "" : value.toFixed(2));
  const rows = run.scenarios.flatMap((result) => {
    const figures = ok(result.measurement);
    if (!figures) return [];
    const [floor, bare] = [ok(result.floorMeasurement), ok(result.bareMeasurement)];
    return [
      [
        result.label,
        ms(figures.appCpuMsPerRequest),
        ms(figures.dbCpuMsPerRequest),
        ms(floor?.appCpuMsPerRequest),
        ms(bare?.appCpuMsPerRequest),
        ms(bare?.dbCpuMsPerRequest),
      ],
    ];
  });
  const header = ["CPU ms per request", run.driver === "pglite" ? "app (with PGlite)" : "app", "database", "floor app", "bare app", "bare database"];
  return table(header, rows);
}

function growthSection(results: BenchResults): string {
  const postgres = results.drivers.find((run) => run.driver === "postgres");
  const growth = results.growth;
  if (!postgres) return "";
  const row = (point: GrowthPoint, small: string, large: string, budget: string) => {
    const [a, b, ratio] = [ok(point.small), ok(point.large), p50Growth(point)];
    if (!a || !b || ratio === null) return [point.label, small, large, "missing route", "", "", "", budget];
    const byCpu = cpuGrowth(point);
    return [
      point.label,
      small,
      large,
      `${a.p50Ms} ms (${a.requestsPerSecond.toFixed(0)} req/s)`,
      `${b.p50Ms} ms (${b.requestsPerSecond.toFixed(0)} req/s)`,
      times(ratio),
      byCpu === null ? "" : times(byCpu),
      budget,
    ];
  };
  const votes = (n: number, comments?: number) =>
    `${n.toLocaleString("en")} votes${comments === undefined ? "" : `, ${comments.toLocaleString("en")} comments`}`;
  const rows = (growth?.points ?? []).map((point) =>
    row(point, votes(growth!.smallVotes, growth!.smallComments), votes(growth!.largeVotes, growth!.largeComments), "≤ 1.50×"),
  );
  if (postgres.commentGrowth) rows.push(row(postgres.commentGrowth, "10 comments", "10,000 comments", "≤ 2.00×"));
  const how = growth
    ? `The results reads and the essay run against two databases behind two servers, one with ${votes(growth.smallVotes, growth.smallComments)} and one with ${votes(growth.largeVotes, growth.largeComments)} (generated with generate_series in ${growth.seedSeconds.toFixed(0)} s); the comments against one server, on its 10- and its 10,000-comment section.`
    : "The comments against one server, on its 10- and its 10,000-comment section.";
  return [
    "#### Growth (PostgreSQL)",
    `${how} Each pair is measured in ${ROUNDS} short runs taken in turns, so both sides see the same minutes of the machine; p50 is the median of the runs.`,
    table(["read", "small", "large", "p50 small", "p50 large", "p50 ratio", "CPU/request ratio", "budget"], rows),
  ].join("\n\n");
}

function coldStartSection(results: BenchResults): string {
  const coldStart = results.drivers.find((run) => run.driver === "postgres")?.coldStart;
  if (!coldStart) return "";
  const rows = coldStart.targets.map((target) => [target.label, target.samplesMs.map((ms) => ms.toFixed(0)).join(", "), target.medianMs.toFixed(0)]);
  return [
    "#### Cold start (PostgreSQL)",
    `From spawning \`next start\` on the production build to the first 200 of each request, polled every ${coldStart.pollMs} ms; a fresh server per sample, the targets taken in turns.`,
    table(["first request", "samples ms", "median ms"], rows),
  ].join("\n\n");
}

function pageWeightSection(results: BenchResults): string {
  const pages = results.drivers.find((run) => run.driver === "postgres")?.pageWeight;
  if (!pages) return "";
  const floor = pages.find((page) => page.path === "/bench/floor");
  const rows = pages.map((page) =>
    page.status !== 200
      ? [`\`${page.path}\``, String(page.status), "", "", "", page.status === 404 ? "missing route" : ""]
      : [
          `\`${page.path}\``,
          "200",
          kilobytes(page.htmlBytes),
          kilobytes(page.scriptBytes),
          String(page.scripts),
          floor && page !== floor ? `${kilobytes(page.scriptBytes - floor.scriptBytes)} kB` : "",
        ],
  );
  return ["#### Page weight (gzip, first visit)", table(["page", "status", "HTML kB", "JavaScript kB", "scripts", "JS beyond the trivial page"], rows)].join(
    "\n\n",
  );
}

function memorySection(results: BenchResults): string {
  const mixed = results.drivers.find((run) => run.driver === "postgres")?.mixed;
  if (!mixed) return "";
  const figures = ok(mixed.measurement);
  const load = figures
    ? `${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${errorsOf(figures)} errors, peak RSS ${figures.peakRssMb?.toFixed(0)} MB`
    : "not measured";
  const left = mixed.missing.length > 0 ? ` Left out (route missing): ${mixed.missing.join(", ")}.` : "";
  return `#### Memory\n\n${mixed.seconds} s of mixed load (${mixed.scenarios.join(", ")}): ${load}; RSS after: **${mixed.rssAfterMb?.toFixed(0) ?? "?"} MB**.${left}`;
}

function lighthouseSection(results: BenchResults): string {
  const lighthouse = results.lighthouse;
  if (!lighthouse) return "#### Lighthouse (mobile)\n\nNot run (`npm run lighthouse`, or a full `npm run bench`).";
  const pages = everyAuditedPage(lighthouse).map((page) => (page === lighthouse.floor ? { ...page, path: `${page.path} (trivial page)` } : page));
  const rows = pages.map((page) => [
    `\`${page.path}\``,
    String(page.scores.performance),
    String(page.scores.accessibility),
    String(page.scores["best-practices"]),
    String(page.scores.seo),
    page.failing.join("; ") || "—",
  ]);
  const calibration = lighthouse.calibration
    ? `CPU slowdown ${lighthouse.calibration.cpuSlowdownMultiplier}×, calibrated from this machine's Lighthouse benchmarkIndex ${lighthouse.calibration.benchmarkIndex} (the preset's 4× is meant for 1,500–2,000; see \`bench/measure/lighthouse.ts\`); each page's median of ${LIGHTHOUSE_RUNS} runs.`
    : "CPU slowdown: the preset's 4×.";
  return [
    `#### Lighthouse (mobile, ${lighthouse.source}, ${lighthouse.date})`,
    calibration,
    table(["page", "Performance", "Accessibility", "Best Practices", "SEO", "what cost points"], rows),
  ].join("\n\n");
}
