import type { Env } from "@/lib/env";

// Everything about sign-in that follows from the environment alone: pure, so it is tested directly.

export type OAuthProviderId = "github" | "google";

export interface AuthConfig {
  secret: string | undefined;
  github: { clientId: string; clientSecret: string } | null;
  google: { clientId: string; clientSecret: string } | null;
  email: { server: string; from: string } | null;
  devLogin: boolean;
  adminEmails: Set<string>;
  adminDevNames: Set<string>;
  /** Cookies marked Secure: in production, unless the app is served over plain http (loopback tests). */
  secureCookies: boolean;
  /** The public origin, when configured. */
  url: string | undefined;
}

/**
 * Signs sessions under `next dev` when no secret is set, so a fresh clone just runs. It is in the
 * repository, so anyone can mint a session with it: never used by anything but `next dev`.
 */
const DEVELOPMENT_SECRET = "agora-development-secret-not-for-production";
const truthy = (value: string | undefined) => value === "1" || value === "true";

/**
 * `env.NODE_ENV` here is how the code was built ("development" only under `next dev`, see `getEnv`),
 * not the variable a server was started with; anything but "development" is treated as production.
 */
export function authConfigFromEnv(env: Env): AuthConfig {
  const development = env.NODE_ENV === "development";
  const url = env.AUTH_URL ?? env.NEXTAUTH_URL;
  // On under `next dev` unless switched off; in a production build only when asked for.
  const devLogin = development ? env.AUTH_DEV_LOGIN !== "0" && env.AUTH_DEV_LOGIN !== "false" : truthy(env.AUTH_DEV_LOGIN);
  return {
    secret: env.AUTH_SECRET ?? env.NEXTAUTH_SECRET ?? (development ? DEVELOPMENT_SECRET : undefined),
    github: env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? { clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET } : null,
    google: env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET ? { clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET } : null,
    email: env.EMAIL_SERVER && env.EMAIL_FROM ? { server: env.EMAIL_SERVER, from: env.EMAIL_FROM } : null,
    devLogin,
    adminEmails: csvSet(env.ADMIN_EMAILS, (email) => email.toLowerCase()),
    // A development-login name means something only while that login is on: a name typed in when it
    // was on must not stay an admin after it is switched off.
    adminDevNames: devLogin ? csvSet(env.ADMIN_DEV_NAMES, devNameKey) : new Set(),
    secureCookies: !development && !(url?.startsWith("http://") ?? false),
    url,
  };
}

/** The names of what a production server is missing or has wrong, with why; empty when it can start. */
export function productionAuthProblems(env: Env): string[] {
  if (env.NODE_ENV === "development") return [];
  const config = authConfigFromEnv(env);
  const problems: string[] = [];
  if (!config.secret) problems.push("AUTH_SECRET (or NEXTAUTH_SECRET) is not set: it signs session cookies.");
  if (env.ADMIN_DEV_NAMES && !config.devLogin) {
    problems.push(
      "ADMIN_DEV_NAMES is set but the development login is off (AUTH_DEV_LOGIN is not 1): those names grant nothing. " +
        "Unset ADMIN_DEV_NAMES, or set AUTH_DEV_LOGIN=1 on a private test deployment.",
    );
  }
  if (!config.github && !config.google && !config.email && !config.devLogin) {
    problems.push(
      "No sign-in provider is configured: set AUTH_GITHUB_ID + AUTH_GITHUB_SECRET, AUTH_GOOGLE_ID + AUTH_GOOGLE_SECRET, " +
        "or EMAIL_SERVER + EMAIL_FROM (or AUTH_DEV_LOGIN=1 for a private test deployment).",
    );
  }
  if (!config.url && env.EMAIL_SERVER) {
    // Trusting the request's host (AUTH_TRUST_HOST, Vercel) would let a forged X-Forwarded-Host pick
    // the site a mailed sign-in link points at.
    problems.push("AUTH_URL (or NEXTAUTH_URL) is not set: with EMAIL_SERVER it is required, as sign-in links point at it, e.g. https://agora.example.");
  } else if (!config.url && !env.VERCEL && !truthy(env.AUTH_TRUST_HOST)) {
    problems.push("AUTH_URL (or NEXTAUTH_URL) is not set: the app's public URL, e.g. https://agora.example.");
  }
  return problems;
}

/** "  Ada  Lovelace " and "ada lovelace" are the same development login. */
export function devNameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

function csvSet(value: string | undefined, normalize: (item: string) => string): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((item) => normalize(item.trim()))
      .filter(Boolean),
  );
}
