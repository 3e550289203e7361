import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { getAuth, sessionCookieName, sessionCookieOptions } from "./options";
import { createServerSession, endServerSession, endUserSessions, SESSION_LIFETIME_SECONDS } from "./server-sessions";
import { readSessionToken } from "./session-token";
import { loadActor, type Actor } from "./users";

/** Who the session cookie says is signed in, and which server-side session it names. */
export interface SessionIdentity {
  userId: string;
  sessionId: string;
}

/**
 * The signed-in reader for this request, or null. Decodes the session cookie (a JWT signed with
 * AUTH_SECRET, so any instance sharing the secret accepts it) and reads the user — and that their
 * session is live — in one query. Works in server components, route handlers and server actions.
 * Memoized per request (React `cache`): the header and the page both ask, the database is asked once.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const identity = await getSessionIdentity();
  return identity === null ? null : loadActor(await getDb(), identity.userId, getAuth().config, { sessionId: identity.sessionId });
});

/**
 * The user and session the cookie names, or null — without asking the database whether they are still
 * live. Only for writes whose own statement checks that under the writer's lock. A cookie from before
 * sessions had ids (no `sid`) names none: its reader signs in again.
 */
export const getSessionIdentity = cache(async (): Promise<SessionIdentity | null> => {
  const { config } = getAuth();
  const token = (await cookies()).get(sessionCookieName(config))?.value;
  if (!token || !config.secret) return null;
  const payload = await readSessionToken(token, config.secret);
  if (typeof payload?.sub !== "string" || typeof payload.sid !== "string") return null;
  return { userId: payload.sub, sessionId: payload.sid };
});

/** Signs `user` in from a server action: a new server-side session, and the JWT cookie next-auth's own callback would set. */
export async function startSession(user: Pick<User, "id" | "name" | "email" | "image">, provider: string): Promise<void> {
  const { config } = getAuth();
  if (!config.secret) throw new Error("AUTH_SECRET is not set.");
  const sid = await createServerSession(await getDb(), user.id, provider);
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, picture: user.image, sid },
    secret: config.secret,
    maxAge: SESSION_LIFETIME_SECONDS,
  });
  (await cookies()).set(sessionCookieName(config), token, { ...sessionCookieOptions(config), maxAge: SESSION_LIFETIME_SECONDS });
}

/** Signs out here: ends this session on the server (a copy of the cookie stops working too) and drops the cookie. */
export async function endSession(): Promise<void> {
  const identity = await getSessionIdentity();
  if (identity) await endServerSession(await getDb(), identity.sessionId);
  await dropSessionCookie();
}

/** Signs out everywhere: ends every session of the signed-in reader, this one included. */
export async function endEverySession(): Promise<void> {
  const actor = await getActor();
  if (actor) await endUserSessions(await getDb(), actor.id);
  await dropSessionCookie();
}

async function dropSessionCookie(): Promise<void> {
  const { config } = getAuth();
  (await cookies()).delete({ name: sessionCookieName(config), ...sessionCookieOptions(config) });
}
