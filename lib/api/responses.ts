import { toAppError } from "@/lib/errors";

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** Every error the API returns has this one shape: {"error":{"code","message","issues"?}}. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.issues) body.error.issues = appError.issues;
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (appError.retryAfter !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(appError.retryAfter)));
  return Response.json(body, { status: appError.status, headers });
}
