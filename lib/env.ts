import { z } from "zod";

// An empty variable (`FOO=` in a .env file) means "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const limit = (fallback: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number().int("must be a whole number").min(1, "must be at least 1").default(fallback),
  );

/** Rate limits (per user; per client address for sign-in; per address mailed for sign-in links). Read on every check, so tests and operators can change them. */
export const rateLimitEnvSchema = z.object({
  AUTO_HIDE_REPORTS: limit(3),
  RATE_LIMIT_COMMENTS_PER_MINUTE: limit(5),
  RATE_LIMIT_COMMENTS_PER_DAY: limit(100),
  RATE_LIMIT_EDITS_PER_MINUTE: limit(10),
  RATE_LIMIT_EDITS_PER_DAY: limit(100),
  RATE_LIMIT_VOTES_PER_MINUTE: limit(30),
  RATE_LIMIT_UPVOTES_PER_MINUTE: limit(60),
  RATE_LIMIT_REPORTS_PER_HOUR: limit(20),
  RATE_LIMIT_SIGNINS_PER_MINUTE: limit(10),
  RATE_LIMIT_EMAIL_LINKS_PER_HOUR: limit(5),
});

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL");

export const envSchema = rateLimitEnvSchema.extend({
  /**
   * How the running code was built, not the variable a server was started with: `getEnv` sets it
   * (see `buildMode`). Absent means production, so nothing that forgets to say fails open.
   */
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** Vercel Postgres (Neon): set by the Vercel integration. Wins over DATABASE_URL. */
  POSTGRES_URL: optional(postgresUrl),
  /** Any PostgreSQL server, through `pg`. */
  DATABASE_URL: optional(postgresUrl),
  /** Where the embedded database (PGlite) keeps its files when neither URL is set. */
  PGLITE_DATA_DIR: z.preprocess((value) => (value === "" ? undefined : value), z.string().default(".data/pglite")),
  /** host:port/path of a WebSocket→TCP proxy, to run @vercel/postgres against a local server. */
  POSTGRES_WS_PROXY: optional(z.string().regex(/^[^/\s]+:\d+(\/\S*)?$/, "must look like localhost:8080/v1")),

  /** Signs session cookies (JWT). Required in production; NEXTAUTH_SECRET is accepted too. */
  AUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters (try: openssl rand -base64 32)")),
  NEXTAUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters (try: openssl rand -base64 32)")),
  /** The app's public URL (https://agora.example). Required in production unless on Vercel or AUTH_TRUST_HOST=1. */
  AUTH_URL: optional(z.url()),
  NEXTAUTH_URL: optional(z.url()),
  AUTH_TRUST_HOST: optional(z.enum(["1", "true", "0", "false"])),
  VERCEL: optional(z.string()),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  AUTH_GOOGLE_ID: optional(z.string()),
  AUTH_GOOGLE_SECRET: optional(z.string()),
  /** SMTP URL for magic-link email sign-in, e.g. smtp://user:pass@smtp.example:587. */
  EMAIL_SERVER: optional(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
  EMAIL_FROM: optional(z.string().min(3)),
  /** 1 turns the development login on in a production build (never do this on a public site). */
  AUTH_DEV_LOGIN: optional(z.enum(["1", "0", "true", "false"])),
  /** Comma-separated emails that are admins. */
  ADMIN_EMAILS: optional(z.string()),
  /** Keys the pseudonymous voter ids in the CSV export; defaults to one derived from AUTH_SECRET. */
  EXPORT_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  /** Comma-separated development-login names that are admins. */
  ADMIN_DEV_NAMES: optional(z.string()),
  /**
   * How many proxies of the operator's own stand in front of the app, each appending the address it saw
   * to X-Forwarded-For: 0 = none, clients connect directly. Ignored on Vercel (its edge sets the address).
   */
  TRUSTED_PROXY_HOPS: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(10, "must be at most 10").default(0),
  ),
  /**
   * The least time between two notification emails to one reader: what arrives meanwhile is batched
   * into the next. A number of minutes, or with a unit: `90s`, `15m`, `2h`. Default 15 minutes.
   */
  NOTIFY_EMAIL_MIN_INTERVAL: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .string()
      .regex(/^\d+(s|m|h)?$/, "must be a number of minutes, or a number with s, m or h (90s, 15m, 2h)")
      .default("15m")
      .transform((text) => Number.parseInt(text, 10) * ({ s: 1, m: 60, h: 3600 }[text.at(-1) as "s" | "m" | "h"] ?? 60)),
  ),
  /** Authorises the notification sender's cron route (`Authorization: Bearer <CRON_SECRET>`, as Vercel Cron sends it). */
  CRON_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  /** 1 serves the benchmark's reference routes (/api/bench/floor, /bench/floor); otherwise they are 404. */
  AGORA_BENCH_ROUTES: optional(z.enum(["1", "0"])),
});

export type Env = z.infer<typeof envSchema>;

/** Parses an environment, failing with the names of the variables at fault and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
  throw new Error(`Invalid environment variables:\n${problems}`);
}

/**
 * "development" only in code compiled by `next dev`. next.config.js sets AGORA_BUILD_MODE in every
 * phase and Next inlines `env` entries into what it compiles, so `next start` of a production build
 * reads the literal "production" here whatever its environment says — NODE_ENV=test or
 * AGORA_BUILD_MODE=development included. Outside Next (vitest, scripts) nothing is inlined and the
 * variable, unset there, reads as production.
 */
export function buildMode(): "development" | "production" {
  // Written out in full: Next replaces this exact expression, not a lookup on process.env.
  return process.env.AGORA_BUILD_MODE === "development" ? "development" : "production";
}

let cached: Env | undefined;

/** The server's environment, validated once; NODE_ENV in it is the build's mode (never the runtime variable). */
export function getEnv(): Env {
  cached ??= parseEnv({ ...process.env, NODE_ENV: buildMode() });
  return cached;
}
