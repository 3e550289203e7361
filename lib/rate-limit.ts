import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { rateLimitEnvSchema } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Every limit the app enforces; `AUTO_HIDE_REPORTS` rides along because it is tuned the same way. */
export interface Limits {
  autoHideReports: number;
  commentsPerMinute: number;
  commentsPerDay: number;
  editsPerMinute: number;
  editsPerDay: number;
  votesPerMinute: number;
  upvotesPerMinute: number;
  reportsPerHour: number;
  signInsPerMinute: number;
  emailLinksPerHour: number;
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
    editsPerMinute: env.RATE_LIMIT_EDITS_PER_MINUTE,
    editsPerDay: env.RATE_LIMIT_EDITS_PER_DAY,
    votesPerMinute: env.RATE_LIMIT_VOTES_PER_MINUTE,
    upvotesPerMinute: env.RATE_LIMIT_UPVOTES_PER_MINUTE,
    reportsPerHour: env.RATE_LIMIT_REPORTS_PER_HOUR,
    signInsPerMinute: env.RATE_LIMIT_SIGNINS_PER_MINUTE,
    emailLinksPerHour: env.RATE_LIMIT_EMAIL_LINKS_PER_HOUR,
  };
}

/** What domain functions accept to override the environment's limits (tests). */
export interface LimitOptions {
  limits?: Limits;
}

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;

/**
 * Counts one attempt against `key` in the current fixed window of `windowSeconds`, and refuses it
 * with 429 rate_limited (Retry-After: until the window ends) past `max`. One atomic upsert in
 * PostgreSQL (db/functions/agora_hit_rate_limit.sql, which also prunes expired
 * windows now and then), so the count holds across any number of app instances; nothing is kept in
 * memory. A refused attempt counts too.
 */
export async function hitRateLimit(db: DbOrTx, key: string, max: number, windowSeconds: number, what: string): Promise<void> {
  const [row] = await queryRows<{ hits: number; seconds_left: number }>(
    db,
    sql`select hits, seconds_left from agora_hit_rate_limit(${key}, ${windowSeconds}::int)`,
  );
  if (row && Number(row.hits) > max) throw rateLimitError(what, max, windowSeconds, Number(row.seconds_left));
}

/** The refusal past `max` attempts per `windowSeconds`, to retry after `retryAfter` seconds (at least 1). */
export function rateLimitError(what: string, max: number, windowSeconds: number, retryAfter: number): AppError {
  const seconds = Math.max(1, retryAfter);
  return new AppError(
    "rate_limited",
    `Too many ${what}: at most ${max} ${windowName(windowSeconds)}. Try again in ${describeSeconds(seconds)}.`,
    undefined,
    seconds,
  );
}

/** One fixed window an attempt is counted in: at most `max` attempts per `windowSeconds` under `key`. */
export interface LimitWindow {
  key: string;
  max: number;
  windowSeconds: number;
}

/** What counting did in one window: [attempts so far, seconds until the window ends], or null if not counted. */
export type WindowCount = [hits: number, secondsLeft: number] | null;

/**
 * Counts one attempt in several windows (a per-minute and a per-day limit) inside the caller's own
 * statement, instead of a round trip each: CTEs `limit_0`, `limit_1`, … for its WITH, each calling
 * agora_hit_rate_limit, by the rules of hitRateLimit called for each window in turn — a window is
 * counted only while every one before it held (past the minute's limit the day's count does not
 * move), and the first only `when` it is true. `within` is true when every window was counted and
 * held; `counts` is a json array of WindowCount, for refuseOverLimits.
 */
export function countAttemptsSql(windows: LimitWindow[], when: SQL = sql`true`): { ctes: SQL; within: SQL; counts: SQL } {
  const name = (index: number) => sql.raw(`limit_${index}`);
  const ctes = windows.map(({ key, windowSeconds }, index) => {
    const previous = windows[index - 1];
    const gate = previous ? sql`exists (select 1 from ${name(index - 1)} where hits <= ${previous.max}::int)` : when;
    // Lateral on a row that exists only past the gate: no row, no call, nothing counted.
    return sql`${name(index)} as (
      select h.hits, h.seconds_left from (select 1 where ${gate}) g cross join lateral agora_hit_rate_limit(${key}, ${windowSeconds}::int) h
    )`;
  });
  const last = windows.length - 1;
  return {
    ctes: sql.join(ctes, sql`, `),
    within: sql`exists (select 1 from ${name(last)} where hits <= ${windows[last]!.max}::int)`,
    counts: sql`json_build_array(${sql.join(
      windows.map((_, index) => sql`(select json_build_array(hits, seconds_left) from ${name(index)})`),
      sql`, `,
    )})`,
  };
}

/**
 * Counts one attempt in several windows in one statement (countAttemptsSql on its own), refusing it
 * with 429 for the first window past its limit. For writes that do not fold the count into their own
 * statement.
 */
export async function hitRateLimits(db: DbOrTx, windows: LimitWindow[], what: string): Promise<void> {
  const { ctes, counts } = countAttemptsSql(windows);
  const [row] = await queryRows<{ counts: string }>(db, sql`with ${ctes} select ${counts}::text as counts`);
  refuseOverLimits(JSON.parse(row!.counts) as WindowCount[], windows, what);
}

/** 429 rate_limited for the first window past its limit, naming it (Retry-After: until it ends). */
export function refuseOverLimits(counts: WindowCount[], windows: LimitWindow[], what: string): void {
  for (const [index, { max, windowSeconds }] of windows.entries()) {
    const counted = counts[index];
    if (counted && counted[0] > max) throw rateLimitError(what, max, windowSeconds, counted[1]);
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
