import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { appOrigin } from "./app-origin";
import { getActor, getSessionIdentity } from "./session";
import type { Actor, Writer } from "./users";
import { bannedError, unauthenticatedError } from "./writer-errors";

/**
 * The one guard every write goes through (route handlers and server actions alike):
 * cross-origin → 403 forbidden; no session → 401 unauthenticated; banned → 403 forbidden, with why.
 * Per-object rules (owner, admin) follow with `assertOwnerOrAdmin` / `requireAdmin`.
 */
export async function requireWriter(): Promise<Actor> {
  const actor = await requireSignedIn();
  if (actor.banReason !== null) throw bannedError(actor.banReason);
  return actor;
}

/** For what a reader does to their own account, banned or not (sign out everywhere): same origin, a live session. */
export async function requireSignedIn(): Promise<Actor> {
  assertSameOrigin(await headers());
  const actor = await getActor();
  if (!actor) throw unauthenticatedError();
  return actor;
}

/**
 * The same guard for a write whose one statement checks the writer itself, under the writer's row
 * lock (the vote, a new comment): same origin and a session cookie here, no read of the user. The
 * statement answers "no such user or no live session" (→ unauthenticatedError) or "banned"
 * (→ bannedError), and a ban or sign-out that lands while the write waits for the lock is seen — a
 * separate read before it could not promise that.
 */
export async function requireWriterId(): Promise<Writer> {
  assertSameOrigin(await headers());
  const identity = await getSessionIdentity();
  if (identity === null) throw unauthenticatedError();
  return { id: identity.userId, sessionId: identity.sessionId };
}

export async function requireAdmin(): Promise<Actor> {
  const actor = await requireWriter();
  if (actor.role !== "admin") throw new AppError("forbidden", "Only moderators can do this.");
  return actor;
}

export function assertOwnerOrAdmin(actor: Actor, ownerId: string, what = "this"): void {
  if (actor.id !== ownerId && actor.role !== "admin") throw new AppError("forbidden", `Only its author can change ${what}.`);
}

/**
 * CSRF defence for mutating requests (route handlers have none of their own): a browser always sends
 * Origin on them, and it must be this app's — AUTH_URL's origin when set, whatever X-Forwarded-Host
 * says (see `appOrigin`). Requests without Origin or Fetch Metadata come from scripts, which carry no
 * ambient cookies to abuse, and pass.
 */
export function assertSameOrigin(requestHeaders: Headers): void {
  const origin = requestHeaders.get("origin");
  if (origin === null) {
    const site = requestHeaders.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") throw crossOrigin();
    return;
  }
  if (origin !== appOrigin(requestHeaders)) throw crossOrigin();
}

const crossOrigin = () => new AppError("forbidden", "Cross-origin requests cannot change anything here.");
