import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Packages that must never reach a browser: zod alone is 31 kB gzip (it once came in through a
// constant a client form imported), the rest are server-only and would break or leak.
const SERVER_ONLY = ["zod", "drizzle-orm", "pg", "@electric-sql/pglite", "@vercel/postgres", "next-auth/jwt", "node:"];
const ROOTS = ["app", "components", "lib"];

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

const directive = (source: string, name: string) => new RegExp(`^\\s*(?:\\/\\/.*\\n\\s*)*["']${name}["']`).test(source);

function importsOf(source: string): string[] {
  // Type-only imports vanish at build time; everything else is bundled.
  return [...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^"';]*?from\s+["']([^"']+)["']/gm)].map((match) => match[1]!);
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** What a client module pulls into the browser bundle, following local imports (server actions stop the walk). */
function serverOnlyReach(entry: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  const walk = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    if (file !== entry && directive(source, "use server")) return; // the browser gets a reference, not the code
    for (const specifier of importsOf(source)) {
      if (specifier.startsWith("@/") || specifier.startsWith(".")) {
        const target = resolveLocal(file, specifier);
        if (target) walk(target, [...trail, path.relative(root, target)]);
      } else if (SERVER_ONLY.some((name) => specifier === name || specifier.startsWith(name.endsWith(":") ? name : `${name}/`))) {
        problems.push(`${[...trail, specifier].join(" → ")}`);
      }
    }
  };
  walk(entry, [path.relative(root, entry)]);
  return problems;
}

describe("client components", () => {
  const clientFiles = ROOTS.flatMap((dir) => sourceFiles(path.join(root, dir))).filter((file) => directive(readFileSync(file, "utf8"), "use client"));

  it("are found (the walk looks at real files)", () => {
    expect(clientFiles.length).toBeGreaterThan(10);
  });

  it("import nothing server-only, zod included, however indirectly", () => {
    expect(clientFiles.flatMap(serverOnlyReach)).toEqual([]);
  });

  it("the check catches a zod import two modules away", () => {
    // lib/moderation/schemas.ts imports zod; a client module importing it would be flagged.
    expect(serverOnlyReach(path.join(root, "lib/moderation/schemas.ts")).some((trail) => trail.endsWith("zod"))).toBe(true);
  });
});
