import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { rateLimitEnvSchema } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Every limit the app enforces; `AUTO_HIDE_REPORTS` rides along because it is tuned the same way. */
export interface Limits {
  autoHideReports: number;
  commentsPerMinute: number;
  commentsPerDay: number;
  votesPerMinute: number;
  upvotesPerMinute: number;
  reportsPerHour: number;
  signInsPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = limitsFromEnv({});

/**
 * The limits from the environment, parsed on every call (a few microseconds) rather than cached, so
 * a test can run other features with high limits while its own cases pass `limits` explicitly.
 */
export function limitsFromEnv(source: Record<string, string | undefined> = process.env): Limits {
  const env = rateLimitEnvSchema.parse(source);
  return {
    autoHideReports: env.AUTO_HIDE_REPORTS,
    commentsPerMinute: env.RATE_LIMIT_COMMENTS_PER_MINUTE,
    commentsPerDay: env.RATE_LIMIT_COMMENTS_PER_DAY,
    votesPerMinute: env.RATE_LIMIT_VOTES_PER_MINUTE,
    upvotesPerMinute: env.RATE_LIMIT_UPVOTES_PER_MINUTE,
    reportsPerHour: env.RATE_LIMIT_REPORTS_PER_HOUR,
    signInsPerMinute: env.RATE_LIMIT_SIGNINS_PER_MINUTE,
  };
}

/** What domain functions accept to override the environment's limits (tests). */
export interface LimitOptions {
  limits?: Limits;
}

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;

// Expired windows are deleted now and then by whichever check draws the short straw: no cron needed.
const PRUNE_PROBABILITY = 0.01;

/**
 * Counts one attempt against `key` in the current fixed window of `windowSeconds`, and refuses it
 * with 429 rate_limited (Retry-After: until the window ends) past `max`. One atomic upsert in
 * PostgreSQL, so the count holds across any number of app instances; nothing is kept in memory.
 */
export async function hitRateLimit(db: DbOrTx, key: string, max: number, windowSeconds: number, what: string): Promise<void> {
  const [row] = await queryRows<{ count: number; retry_after: number }>(
    db,
    sql`insert into rate_limit_windows (key, window_start, count, expires_at)
        select ${key}, w.start, 1, w.start + make_interval(secs => ${windowSeconds}::int)
        from (select to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}::int) * ${windowSeconds}::int) as start) w
        on conflict (key, window_start) do update set count = rate_limit_windows.count + 1
        returning count, ceil(extract(epoch from expires_at - now()))::int as retry_after`,
  );
  if (Math.random() < PRUNE_PROBABILITY) await db.execute(sql`delete from rate_limit_windows where expires_at < now()`);
  if (row && Number(row.count) > max) {
    const retryAfter = Math.max(1, Number(row.retry_after));
    throw new AppError("rate_limited", `Too many ${what}: at most ${max} ${windowName(windowSeconds)}. Try again in ${describeSeconds(retryAfter)}.`, undefined, retryAfter);
  }
}

function windowName(seconds: number): string {
  if (seconds === MINUTE) return "a minute";
  if (seconds === HOUR) return "an hour";
  if (seconds === DAY) return "a day";
  return `per ${seconds} seconds`;
}

function describeSeconds(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}
