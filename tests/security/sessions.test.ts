// Fails on 20aeeb1: sessions were stateless JWTs — a cookie copied before sign-out kept working for 30
// days, /api/auth/session slid it forward forever, and nothing could end a reader's sessions.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderationLog, sessions } from "@/db/schema";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

const hasPostgres = await requirePostgresForHttpSuite();

/** A second holder of the same cookie, on another instance: what a thief who copied it has. */
function copyOf(client: HttpClient, baseUrl: string): HttpClient {
  const copy = new HttpClient(baseUrl);
  copy.setCookieHeader(client.cookieHeader());
  return copy;
}

/** What a cookie still lets its holder do: read who they are, vote (checked in SQL), upvote (checked by the guard). */
async function powers(client: HttpClient, commentId: number) {
  const session = (await (await client.get("/api/auth/session")).json()) as { user?: { id: string } };
  const vote = await client.request("PUT", "/api/proposals/open-source/vote", { json: { stance: 1 } });
  const comment = await client.request("POST", "/api/sections/introduction/comments", { json: { body: "Still here?" } });
  const upvote = await client.request("PUT", `/api/comments/${commentId}/upvote`);
  return { signedIn: Boolean(session.user), vote: vote.status, comment: comment.status, upvote: upvote.status };
}

const DEAD = { signedIn: false, vote: 401, comment: 401, upvote: 401 };

describe.runIf(hasPostgres)("sessions end when they should (security: stolen and stale cookies)", () => {
  let cluster: AppCluster;
  let first: string;
  let second: string;
  let commentId: number;

  beforeAll(async () => {
    cluster = await startAppCluster(2, { ADMIN_DEV_NAMES: "Session Admin" });
    [first, second] = cluster.servers.map((server) => server.url) as [string, string];
    const author = new HttpClient(first);
    await author.signIn("Comment Author");
    const response = await author.request("POST", "/api/sections/introduction/comments", { json: { body: "Upvote me" } });
    commentId = ((await response.json()) as { comment: { id: number } }).comment.id;
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  it("a cookie copied before sign-out stops working on every instance once its reader signs out", async () => {
    const reader = new HttpClient(first);
    await reader.signIn("Signing Out Sam");
    const thief = copyOf(reader, second);
    expect((await powers(thief, commentId)).vote).toBe(200);

    const { csrfToken } = (await (await reader.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signOut = await reader.request("POST", "/api/auth/signout", {
      body: new URLSearchParams({ csrfToken, json: "true" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(signOut.status).toBeLessThan(400);
    expect(await powers(thief, commentId)).toEqual(DEAD);
  });

  it("a session is over 30 days after sign-in, however often /api/auth/session renewed its cookie", async () => {
    const reader = new HttpClient(first);
    const { id } = await reader.signIn("Long Lived Lou");
    // Renewing (next-auth re-issues the cookie with a fresh expiry on every session read) ...
    for (let i = 0; i < 3; i++) await reader.get("/api/auth/session");
    expect((await powers(reader, commentId)).signedIn).toBe(true);
    // ... cannot stretch the session past the 30 days its row allows: age it to 31 days after sign-in.
    await cluster.database.db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '31 days'`, expiresAt: sql`now() - interval '1 day'` })
      .where(eq(sessions.userId, id));
    expect(await powers(reader, commentId)).toEqual(DEAD);
  });

  it("the database refuses a session that would outlive 30 days", async () => {
    const reader = new HttpClient(first);
    const { id } = await reader.signIn("Forever Fay");
    await expect(
      cluster.database.db
        .update(sessions)
        .set({ expiresAt: sql`created_at + interval '31 days'` })
        .where(eq(sessions.userId, id)),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
  });

  it("sign out everywhere ends every session of the reader, on every instance", async () => {
    const laptop = new HttpClient(first);
    const { id } = await laptop.signIn("Everywhere Eve");
    const phone = new HttpClient(second);
    await phone.signIn("Everywhere Eve");
    const stranger = new HttpClient(first);
    await stranger.signIn("Bystander Bea");

    const response = await laptop.request("DELETE", "/api/me/sessions");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ended: 2 });
    expect(await powers(phone, commentId)).toEqual(DEAD);
    expect(await powers(laptop, commentId)).toEqual(DEAD);
    expect((await powers(stranger, commentId)).vote).toBe(200);
    expect(await cluster.database.db.$count(sessions, sql`${sessions.userId} = ${id} and ${sessions.endedAt} is null`)).toBe(0);
  });

  it("an admin ends a reader's sessions, and the log says so", async () => {
    const admin = new HttpClient(first);
    await admin.signIn("Session Admin");
    const reader = new HttpClient(second);
    const { id } = await reader.signIn("Compromised Cy");
    const asReader = await reader.request("POST", `/api/admin/users/${id}/sign-out`, { json: {} });
    expect(asReader.status).toBe(403);

    const response = await admin.request("POST", `/api/admin/users/${id}/sign-out`, { json: { reason: "account shared in public" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { userId: id, endedSessions: 1 } });
    expect(await powers(reader, commentId)).toEqual(DEAD);
    const [entry] = await cluster.database.db.select().from(moderationLog).where(eq(moderationLog.targetId, id));
    expect(entry).toMatchObject({ action: "user.sign-out", targetType: "user", reason: "account shared in public" });
  });

  it("a cookie minted before sessions had ids (no sid) is signed out, not trusted", async () => {
    const reader = new HttpClient(first);
    const { id } = await reader.signIn("Old Cookie Olga");
    const { encode } = await import("next-auth/jwt");
    const { TEST_AUTH_SECRET } = await import("@/support/app-server");
    const legacy = await encode({ token: { sub: id, name: "Old Cookie Olga" }, secret: TEST_AUTH_SECRET, maxAge: 3600 });
    const holder = new HttpClient(first);
    holder.setCookieHeader(`next-auth.session-token=${legacy}`);
    expect(await powers(holder, commentId)).toEqual(DEAD);
  });
});
