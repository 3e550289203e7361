import type { z } from "zod";

export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error domain code throws. Entry points map it to a status and the shared JSON shape. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** Seconds, for rate_limited (becomes Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  static fromZod(error: z.ZodError, what = "input"): AppError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)",
      message: issue.message,
    }));
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
    return new AppError("invalid_input", `Invalid ${what}: ${summary}`, issues);
  }
}

// SQLSTATE classes that mean "the server is not there", not "your query is wrong".
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
// The last: the embedded database's worker thread died (db/pglite-remote.ts); a restart reopens it.
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|database timed out|Connection closed|embedded database \(PGlite worker\) stopped/i;

/** True when an error (or any error it wraps: Drizzle puts the driver's on `cause`) means the database is down. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof candidate.code === "string" && (UNAVAILABLE_SQLSTATE.test(candidate.code) || UNAVAILABLE_NODE_CODES.has(candidate.code))) return true;
    if (typeof candidate.message === "string" && UNAVAILABLE_MESSAGES.test(candidate.message)) return true;
    // AggregateError (dual-stack connect attempts) keeps the real reasons in `errors`.
    if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = candidate.cause;
  }
  return false;
}

/** Resolves like `promise`, or rejects with `unavailable` after `ms` so callers never hang. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what = "The database"): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError("unavailable", `${what} did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Any thrown value as an AppError: a down database becomes `unavailable`, anything unknown `internal`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    return new AppError("unavailable", "The database is unavailable right now. Please try again in a moment.");
  }
  console.error("Unexpected error", error);
  return new AppError("internal", "Something went wrong on our side.");
}
