import { spawn } from "node:child_process";

export const LIGHTHOUSE_PAGES = ["/", "/results"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthousePage {
  path: string;
  /** 0–100 per category. */
  scores: Record<Category, number>;
  /** What cost points: "category: audit title", for categories under 100. */
  failing: string[];
}

export interface LighthouseRun {
  date: string;
  /** Where the figures came from: this run, or an earlier `npm run lighthouse`. */
  source: string;
  pages: LighthousePage[];
}

/**
 * Lighthouse's mobile preset (its default) on each page, with Debian's Chromium headless — through the
 * npm package's CLI, which launches and closes the browser itself. Sequential: audits share two cores.
 */
export async function runLighthouse(baseUrl: string, paths = LIGHTHOUSE_PAGES): Promise<LighthousePage[]> {
  const pages: LighthousePage[] = [];
  for (const path of paths) pages.push(await audit(new URL(path, baseUrl).toString(), path));
  return pages;
}

/**
 * Lighthouse's own advice for its variance: run it several times and take the median run. The
 * performance score moves by several points between identical runs on a shared machine (Total
 * Blocking Time is main-thread time scaled 4×), so one run is a sample, not a measurement.
 */
export const LIGHTHOUSE_RUNS = 3;

async function audit(url: string, path: string): Promise<LighthousePage> {
  const runs: LighthousePage[] = [];
  for (let run = 0; run < LIGHTHOUSE_RUNS; run++) runs.push(await auditOnce(url, path));
  runs.sort((a, b) => a.scores.performance - b.scores.performance);
  return runs[Math.floor(runs.length / 2)]!;
}

async function auditOnce(url: string, path: string): Promise<LighthousePage> {
  const report = JSON.parse(await lighthouseJson(url)) as LighthouseReport;
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)])) as Record<Category, number>;
  const failing = CATEGORIES.flatMap((id) =>
    (report.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (report.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => {
        const audit = report.audits[ref.id];
        const value = audit?.displayValue ? ` ${audit.displayValue}` : "";
        return `${id}: ${audit?.title ?? ref.id}${value} (${Math.round((audit?.score ?? 0) * 100)})`;
      }),
  );
  return { path, scores, failing };
}

interface LighthouseReport {
  categories: Partial<Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>>;
  audits: Record<string, { score: number | null; title: string; displayValue?: string }>;
}

function lighthouseJson(url: string): Promise<string> {
  const args = [
    url,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    `--only-categories=${CATEGORIES.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    "--max-wait-for-load=30000",
  ];
  const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/lib/chromium/chromium" };
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/lighthouse", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    // SIGINT first: Lighthouse then closes the Chromium it launched.
    const timer = setTimeout(() => child.kill("SIGINT"), 180_000);
    const hardStop = setTimeout(() => child.kill("SIGKILL"), 195_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      clearTimeout(hardStop);
      if (code === 0) resolve(stdout);
      else reject(new Error(`lighthouse ${url} exited with ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}
