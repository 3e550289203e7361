import { toAppError } from "@/lib/errors";

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/**
 * A JSON response. Next gzips every route handler's answer (it drops any Content-Length a handler
 * declares, so the compressor's 1 KiB threshold never applies): for a vote's 150-byte answer that is a
 * zlib stream per request — CPU time and memory — to send more bytes, not fewer. A body under 1 KiB
 * says `Cache-Control: no-transform`, which the compressor (like any proxy) honours; larger bodies are
 * compressed as before.
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (Buffer.byteLength(text) < COMPRESSION_PAYS_FROM_BYTES)
    headers.set("cache-control", [headers.get("cache-control"), "no-transform"].filter(Boolean).join(", "));
  return new Response(text, { ...init, headers });
}

/** The compressor's own threshold (compression's default, which Next keeps). */
const COMPRESSION_PAYS_FROM_BYTES = 1024;

/** Every error the API returns has this one shape: {"error":{"code","message","issues"?}}. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.issues) body.error.issues = appError.issues;
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (appError.retryAfter !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(appError.retryAfter)));
  return jsonResponse(body, { status: appError.status, headers });
}
