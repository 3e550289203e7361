import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { getAuth, SESSION_MAX_AGE_SECONDS, sessionCookieName, sessionCookieOptions } from "./options";
import { readSessionToken } from "./session-token";
import { loadActor, type Actor } from "./users";

/**
 * The signed-in reader for this request, or null. Decodes the session cookie (a JWT signed with
 * AUTH_SECRET, so any instance sharing the secret accepts it) and reads the user in one query.
 * Works in server components, route handlers and server actions. Memoized per request (React
 * `cache`): the header and the page both ask, the database is asked once.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const userId = await getSessionUserId();
  return userId === null ? null : loadActor(await getDb(), userId, getAuth().config);
});

/**
 * The user id the session cookie names, or null — without asking the database whether that user still
 * exists or is banned. Only for writes whose own statement checks that under the writer's lock.
 */
export const getSessionUserId = cache(async (): Promise<string | null> => {
  const { config } = getAuth();
  const token = (await cookies()).get(sessionCookieName(config))?.value;
  if (!token || !config.secret) return null;
  return (await readSessionToken(token, config.secret))?.sub ?? null;
});

/** Signs `user` in from a server action: the same JWT cookie next-auth's own callback would set. */
export async function startSession(user: Pick<User, "id" | "name" | "email" | "image">): Promise<void> {
  const { config } = getAuth();
  if (!config.secret) throw new Error("AUTH_SECRET is not set.");
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, picture: user.image },
    secret: config.secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  (await cookies()).set(sessionCookieName(config), token, { ...sessionCookieOptions(config), maxAge: SESSION_MAX_AGE_SECONDS });
}

/** Signs out: sessions are stateless JWTs, so dropping the cookie ends the session. */
export async function endSession(): Promise<void> {
  const { config } = getAuth();
  (await cookies()).delete({ name: sessionCookieName(config), ...sessionCookieOptions(config) });
}
