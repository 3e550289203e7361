import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Every route the app serves, read from the `app/` directory itself, so a route added tomorrow is in
 * the inventory without anyone editing a list: pages (`page.tsx`), route handlers (`route.ts`, with
 * the methods the file exports) and generated images (`opengraph-image.tsx`).
 */
export interface Route {
  kind: "page" | "api" | "image";
  /** The pattern as in the file tree, route groups dropped: `/api/comments/[id]/upvote`. */
  pattern: string;
  /** Its segments (empty for `/`). */
  segments: string[];
  /** For route handlers, the HTTP methods the file exports; pages and images answer GET. */
  methods: string[];
  file: string;
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ROUTE_FILES: Record<string, Route["kind"]> = { "page.tsx": "page", "route.ts": "api", "opengraph-image.tsx": "image" };

export function routeInventory(appDir = "app"): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // (group) folders do not appear in the URL; _private and @slot folders are not routes.
        if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
        walk(full, /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
        continue;
      }
      const kind = ROUTE_FILES[entry.name];
      if (!kind) continue;
      const routeSegments = kind === "image" ? [...segments, "opengraph-image"] : segments;
      const methods = kind === "api" ? exportedMethods(readFileSync(full, "utf8")) : ["GET"];
      routes.push({ kind, pattern: `/${routeSegments.join("/")}`, segments: routeSegments, methods, file: full });
    }
  };
  walk(appDir, []);
  return routes;
}

/** `export const GET =`, `export async function POST(`, `export { handler as GET, post as POST }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

/**
 * A concrete path for a route: each dynamic segment filled by `fill(name, segmentsBefore)`, which
 * answers a real id where the caller has one (so the route's own code runs) and anything else falls
 * back to "1".
 */
export function fillRoute(route: Route, fill: (param: string, before: string[]) => string | undefined): string[] {
  return route.segments.map((segment, index) => {
    const param = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment)?.[1];
    return param === undefined ? segment : encodeURIComponent(fill(param, route.segments.slice(0, index)) ?? "1");
  });
}
