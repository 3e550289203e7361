import { AppError } from "@/lib/errors";
import { errorResponse } from "./responses";

/**
 * True when a path segment is not valid percent-encoded UTF-8 (`%`, `%E0%A4%A`, overlong `%C0%AF`, a
 * lone surrogate `%ED%A0%80`). Next's router decodes dynamic segments before any route code runs and,
 * on such a segment, answers a plain-text 500 (vercel/next.js#92557): the proxy refuses these first.
 * Query strings need no check: Next and URLSearchParams decode them leniently (U+FFFD), and every
 * route parses its query with zod.
 */
export function hasUndecodableSegment(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const MESSAGE = "the address is not valid percent-encoded UTF-8";

/**
 * The answer to such a path: nothing can have that name, so 404 — under /api/ in the shared error
 * shape, elsewhere a small page (a reader's GET gets the app's own not-found page, by a rewrite).
 */
export function malformedPathResponse(api: boolean): Response {
  if (api) return errorResponse(new AppError("not_found", `No such resource: ${MESSAGE}.`));
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Page not found · Agora</title><h1>Page not found</h1><p>Nothing is here: ${MESSAGE}. <a href="/">Read the essay</a></p></html>`;
  return new Response(html, { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
