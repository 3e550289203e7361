import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each identifier and enum has one zod schema, in lib/identifiers.ts: forms, API routes and pages
// once validated a section id three ways (a form accepted 200 characters, the API 64). This guard
// fails when another module defines its own schema for one of them.

const HOME = "lib/identifiers.ts";
const ROOTS = ["app", "components", "lib", "bench", "scripts", "support"];

/** What a second definition looks like: a field of that name given a zod schema inline, or the enum's values. */
const FORBIDDEN: Record<string, RegExp> = {
  "content id pattern": /\[a-z0-9\]\+\(\?:-\[a-z0-9\]\+\)\*/,
  "comment id pattern": /\[1-9\]\\d\{0,14\}/,
  "section id field": /\bsectionId:\s*z\./,
  "proposal id field": /\bproposalId:\s*z\./,
  "user id field": /\buserId:\s*z\./,
  "stance field": /\bstance:\s*z\.(?!.*STANCE_FILTERS)/,
  "stance range": /z\s*\.int\([^)]*\)\s*\.min\(-2/,
  "report reason": /z\.enum\(REPORT_REASONS/,
  "moderation action": /\baction:\s*z\.|z\.enum\(\[\s*"(?:hide|lock|ban)"/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(tsx?|mjs|js)$/.test(name) ? [file] : [];
  });
}

function secondDefinitions(file: string, source: string): string[] {
  return Object.entries(FORBIDDEN)
    .filter(([, pattern]) => pattern.test(source.replace(/\s+/g, " ")))
    .map(([what]) => `${file}: ${what}`);
}

describe("one zod schema per identifier and enum", () => {
  it("lib/identifiers.ts defines them and nothing else does", () => {
    const problems = ROOTS.flatMap(sourceFiles)
      .filter((file) => file !== HOME)
      .flatMap((file) => secondDefinitions(file, readFileSync(file, "utf8")));
    expect(problems).toEqual([]);
  });

  it("finds each kind of second definition (the guard can fail)", () => {
    const home = readFileSync(HOME, "utf8");
    expect(secondDefinitions(HOME, home).length).toBeGreaterThanOrEqual(4);
    expect(secondDefinitions("x.ts", "z.object({ sectionId: z.string().min(1).max(200) })")).toEqual(["x.ts: section id field"]);
    expect(secondDefinitions("x.ts", 'z.object({ action: z.enum(["lock", "unlock"]) })')).toEqual(["x.ts: moderation action"]);
    expect(secondDefinitions("x.ts", 'z.object({ reason: z.enum(REPORT_REASONS, { error: "Choose a reason." }) })')).toEqual(["x.ts: report reason"]);
    expect(secondDefinitions("x.ts", 'z.object({ stance: z.enum(["-2", "withdraw"]) })')).toEqual(["x.ts: stance field"]);
  });
});
