import { z } from "zod";

// An empty variable (`FOO=` in a .env file) means "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Vercel Postgres (Neon): set by the Vercel integration. Wins over DATABASE_URL. */
  POSTGRES_URL: optional(postgresUrl),
  /** Any PostgreSQL server, through `pg`. */
  DATABASE_URL: optional(postgresUrl),
  /** Where the embedded database (PGlite) keeps its files when neither URL is set. */
  PGLITE_DATA_DIR: z.preprocess((value) => (value === "" ? undefined : value), z.string().default(".data/pglite")),
  /** host:port/path of a WebSocket→TCP proxy, to run @vercel/postgres against a local server. */
  POSTGRES_WS_PROXY: optional(z.string().regex(/^[^/\s]+:\d+(\/\S*)?$/, "must look like localhost:8080/v1")),
});

export type Env = z.infer<typeof envSchema>;

/** Parses an environment, failing with the names of the variables at fault and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
  throw new Error(`Invalid environment variables:\n${problems}`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
