import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// app/ holds routes and the server actions beside them; components/ and lib/ sit below it. A form
// gets its server action as a prop from the page that renders it (as the moderation form always
// did), so nothing under components/ or lib/ imports from app/: not a value, not a type.

const root = process.cwd();
const APP = path.join(root, "app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(?:tsx?|mjs|js)$/.test(name) ? [file] : [];
  });
}

/** Every module specifier in a source: static imports and re-exports (types too), `import()` and `require()`. */
function specifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

/** The specifiers of `file` (whose text is `source`) that lead into app/, by the `@/` alias or a relative path. */
function appImports(file: string, source: string): string[] {
  return specifiers(source).filter((specifier) => {
    const target = specifier.startsWith("@/")
      ? path.join(root, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(file), specifier)
        : null;
    return target !== null && (target === APP || target.startsWith(APP + path.sep));
  });
}

describe("components/ and lib/ never import from app/", () => {
  const files = ["components", "lib"].flatMap((dir) => sourceFiles(path.join(root, dir)));

  it("looks at the real files", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((file) => file.endsWith(path.join("components", "comments", "comment-form.tsx")))).toBe(true);
  });

  it("finds no import from app/", () => {
    const found = files.flatMap((file) => appImports(file, readFileSync(file, "utf8")).map((specifier) => `${path.relative(root, file)}: ${specifier}`));
    expect(found).toEqual([]);
  });

  it("would catch one by alias, by relative path, as a type or re-export (the check can fail)", () => {
    const file = path.join(root, "components", "comments", "example.tsx");
    const source = [
      'import { postComment } from "@/app/sections/[id]/actions";',
      'import type { Theme } from "../../app/theme/actions";',
      'export { devSignIn } from "@/app/signin/actions";',
      'const later = await import("../../app/proposals/actions");',
      'import { IDLE } from "@/lib/form-actions/form-state";',
      'import { approximate } from "./appendix";',
    ].join("\n");
    expect(appImports(file, source)).toEqual(["@/app/sections/[id]/actions", "../../app/theme/actions", "@/app/signin/actions", "../../app/proposals/actions"]);
  });
});
