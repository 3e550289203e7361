import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { LighthouseRun } from "../measure/lighthouse";

export const RESULTS_DIR = "bench/results";
const LIGHTHOUSE_FILE = path.join(RESULTS_DIR, "lighthouse.json");
const README = "README.md";
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

export function writeResult(name: string, content: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  writeFileSync(file, content);
  return file;
}

export function writeLighthouse(run: LighthouseRun): string {
  return writeResult("lighthouse.json", `${JSON.stringify(run, null, 2)}\n`);
}

/** The last Lighthouse figures (from `npm run lighthouse` or a full bench), for runs that skip it. */
export function readLighthouse(): LighthouseRun | null {
  if (!existsSync(LIGHTHOUSE_FILE)) return null;
  return JSON.parse(readFileSync(LIGHTHOUSE_FILE, "utf8")) as LighthouseRun;
}

/** Replaces what stands between the bench markers in README.md (its Performance section). */
export function spliceIntoReadme(markdown: string): void {
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers.`);
  writeFileSync(README, `${readme.slice(0, start + START.length)}\n${markdown.trim()}\n${readme.slice(end)}`);
}
