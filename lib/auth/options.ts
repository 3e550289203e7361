import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { drizzleAdapter } from "./adapter";
import { safeCallbackPath } from "./callback-url";
import { authConfigFromEnv, type AuthConfig } from "./config";
import { EMAIL_LINK_MAX_AGE_SECONDS, normalizeEmailAddress } from "./email-address";
import { signInLinkSender } from "./email-link";
import { createServerSession, endServerSession, SESSION_LIFETIME_SECONDS } from "./server-sessions";
import { decodeSessionJwt } from "./session-token";
import { devNameSchema, findOrCreateDevUser, loadActor } from "./users";

export function sessionCookieName(config: Pick<AuthConfig, "secureCookies">): string {
  return config.secureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function sessionCookieOptions(config: Pick<AuthConfig, "secureCookies">) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: config.secureCookies };
}

let cached: { options: NextAuthOptions; config: AuthConfig } | undefined;

/** Built on first use from the validated environment (never at import: `next build` imports this). */
export function getAuth(): { options: NextAuthOptions; config: AuthConfig } {
  if (cached) return cached;
  const env = getEnv();
  const config = authConfigFromEnv(env);
  // next-auth 4 reads NEXTAUTH_URL itself; accept AUTH_URL as its modern name.
  if (!process.env.NEXTAUTH_URL && config.url) process.env.NEXTAUTH_URL = config.url;
  if (env.NODE_ENV === "development" && !config.url) process.env.AUTH_TRUST_HOST ??= "1";
  cached = { options: buildOptions(config), config };
  return cached;
}

function buildOptions(config: AuthConfig): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [];
  if (config.github) providers.push(GitHubProvider(config.github));
  if (config.google) providers.push(GoogleProvider(config.google));
  if (config.email) {
    providers.push(
      EmailProvider({
        ...config.email,
        maxAge: EMAIL_LINK_MAX_AGE_SECONDS,
        normalizeIdentifier: normalizeEmailAddress,
        sendVerificationRequest: signInLinkSender(config),
      }),
    );
  }
  if (config.devLogin) {
    providers.push(
      CredentialsProvider({
        id: "dev",
        name: "Development login",
        credentials: { name: { label: "Display name", type: "text" } },
        async authorize(credentials) {
          const parsed = devNameSchema.safeParse(credentials?.name);
          if (!parsed.success) return null;
          const user = await findOrCreateDevUser(await getDb(), parsed.data);
          return { id: user.id, name: user.name, email: user.email, image: user.image };
        },
      }),
    );
  }

  return {
    providers,
    adapter: drizzleAdapter(getDb),
    secret: config.secret,
    session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
    // next-auth's session route and getServerSession read cookies through the same pinned reader as ours (dir + A256GCM only).
    jwt: { decode: decodeSessionJwt },
    useSecureCookies: config.secureCookies,
    cookies: { sessionToken: { name: sessionCookieName(config), options: sessionCookieOptions(config) } },
    pages: { signIn: "/signin", error: "/signin/error", verifyRequest: "/signin/check-email" },
    callbacks: {
      // Every redirect next-auth makes to a caller's callbackUrl (after sign-in, sign-out) follows the sign-in page's rule.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
      // The token carries the user id (`sub`) and the server-side session (`sid`), made at sign-in;
      // everything else is read fresh per request.
      async jwt({ token, user, account }) {
        if (user) token.sid = await createServerSession(await getDb(), user.id, account?.provider ?? "unknown");
        return token;
      },
      async session({ session, token }) {
        const sessionId = typeof token.sid === "string" ? token.sid : null;
        const actor = token.sub && sessionId ? await loadActor(await getDb(), token.sub, config, { sessionId }) : null;
        if (!actor) return { expires: session.expires } as typeof session;
        return {
          expires: session.expires,
          user: { id: actor.id, name: actor.name, role: actor.role, image: actor.image, banned: actor.banReason !== null },
        };
      },
    },
    events: {
      // POST /api/auth/signout: the session ends on the server, so a copy of the cookie stops working too.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endServerSession(await getDb(), token.sid);
      },
    },
  };
}
