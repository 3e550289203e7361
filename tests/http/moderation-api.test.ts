import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

// Every mutating endpoint of the app × who asks, over HTTP against `next start`: the status each gets.

const hasPostgres = await requirePostgresForHttpSuite();

type Who = "none" | "crossOrigin" | "banned" | "reader" | "admin";
interface Row {
  name: string;
  method: string;
  path: () => string;
  json?: unknown;
  /** Status for a signed-in reader and an admin; the rest are the same for every row. */
  reader: number;
  admin: number;
}

describe.runIf(hasPostgres)("every mutating endpoint × who asks", () => {
  let cluster: AppCluster;
  const clients = {} as Record<Exclude<Who, "crossOrigin">, HttpClient>;
  const ids = { reader: "", victim: "", readersComment: 0, authorsComment: 0 };

  beforeAll(async () => {
    cluster = await startAppCluster(1, { ADMIN_DEV_NAMES: "Author Ana" });
    const url = cluster.servers[0]!.url;
    for (const who of ["none", "banned", "reader", "admin"] as const) clients[who] = new HttpClient(url);
    ids.reader = (await clients.reader.signIn("Reader Rae")).id;
    await clients.admin.signIn("Author Ana");
    const bannedId = (await clients.banned.signIn("Banned Bo")).id;
    const author = new HttpClient(url);
    await author.signIn("Writer Wyn");
    const victim = new HttpClient(url);
    ids.victim = (await victim.signIn("Victim Vi")).id;
    const post = async (client: HttpClient, body: string) =>
      ((await (await client.request("POST", "/api/sections/introduction/comments", { json: { body } })).json()) as { comment: { id: number } }).comment.id;
    ids.readersComment = await post(clients.reader, "Reader's own comment");
    ids.authorsComment = await post(author, "Someone else's comment");
    await cluster.database.db.update(users).set({ bannedAt: new Date(), banReason: "spam" }).where(eq(users.id, bannedId));
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  const rows: Row[] = [
    { name: "PUT vote", method: "PUT", path: () => "/api/proposals/open-source/vote", json: { stance: 1 }, reader: 200, admin: 200 },
    { name: "DELETE vote", method: "DELETE", path: () => "/api/proposals/open-source/vote", reader: 200, admin: 200 },
    { name: "POST comment", method: "POST", path: () => "/api/sections/introduction/comments", json: { body: "Hello" }, reader: 201, admin: 201 },
    {
      name: "PATCH comment (the reader's)",
      method: "PATCH",
      path: () => `/api/comments/${ids.readersComment}`,
      json: { body: "Edited" },
      reader: 200,
      admin: 403,
    },
    { name: "PUT upvote", method: "PUT", path: () => `/api/comments/${ids.authorsComment}/upvote`, reader: 200, admin: 200 },
    { name: "DELETE upvote", method: "DELETE", path: () => `/api/comments/${ids.authorsComment}/upvote`, reader: 200, admin: 200 },
    { name: "POST report", method: "POST", path: () => `/api/comments/${ids.authorsComment}/report`, json: { reason: "spam" }, reader: 201, admin: 201 },
    {
      name: "POST admin hide",
      method: "POST",
      path: () => `/api/admin/comments/${ids.authorsComment}/hide`,
      json: { reason: "test" },
      reader: 403,
      admin: 200,
    },
    { name: "POST admin restore", method: "POST", path: () => `/api/admin/comments/${ids.authorsComment}/restore`, reader: 403, admin: 200 },
    { name: "POST admin dismiss", method: "POST", path: () => `/api/admin/comments/${ids.authorsComment}/dismiss`, reader: 403, admin: 200 },
    { name: "POST admin lock", method: "POST", path: () => "/api/admin/sections/finally/lock", reader: 403, admin: 200 },
    { name: "POST admin unlock", method: "POST", path: () => "/api/admin/sections/finally/unlock", reader: 403, admin: 200 },
    { name: "POST admin ban", method: "POST", path: () => `/api/admin/users/${ids.victim}/ban`, json: { reason: "abuse" }, reader: 403, admin: 200 },
    { name: "POST admin unban", method: "POST", path: () => `/api/admin/users/${ids.victim}/unban`, reader: 403, admin: 200 },
    { name: "PATCH user (the reader)", method: "PATCH", path: () => `/api/users/${ids.reader}`, json: { name: "Reader Rae" }, reader: 200, admin: 200 },
    { name: "DELETE comment (the reader's)", method: "DELETE", path: () => `/api/comments/${ids.readersComment}`, reader: 200, admin: 200 },
  ];
  const others: Record<Exclude<Who, "reader" | "admin">, number> = { none: 401, crossOrigin: 403, banned: 403 };

  it.each(rows)("$name", async (row) => {
    const ask = (who: Who) => {
      const client = who === "crossOrigin" ? clients.admin : clients[who];
      const headers: Record<string, string> = who === "crossOrigin" ? { origin: "https://evil.example" } : {};
      return client.request(row.method, row.path(), { json: row.json, headers });
    };
    const got: Record<string, number> = {};
    for (const who of ["none", "crossOrigin", "banned", "reader", "admin"] as const) {
      const response = await ask(who);
      got[who] = response.status;
      if (response.status >= 400) expect((await response.json()).error.code).toEqual(expect.any(String));
    }
    expect(got).toEqual({ ...others, reader: row.reader, admin: row.admin });
  });

  it("ban requires a reason (400); admin reads of the queue and log: 401 without a session, 403 for a reader, 200 for an admin", async () => {
    const missing = await clients.admin.request("POST", `/api/admin/users/${ids.victim}/ban`, { json: {} });
    expect(missing.status).toBe(400);
    for (const path of ["/api/admin/queue", "/api/admin/log"]) {
      expect((await clients.none.get(path)).status).toBe(401);
      expect((await clients.reader.get(path)).status).toBe(403);
      expect((await clients.admin.get(path)).status).toBe(200);
    }
    const log = (await (await clients.admin.get("/api/admin/log")).json()) as { log: { action: string }[] };
    expect(log.log.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["comment.hide", "comment.restore", "section.lock", "section.unlock", "user.ban", "user.unban"]),
    );
  });

  it("reporting twice is idempotent (200, created false) and the banned reader is told why", async () => {
    const again = await clients.reader.request("POST", `/api/comments/${ids.authorsComment}/report`, { json: { reason: "spam" } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ report: { commentId: ids.authorsComment, created: false, hidden: false, received: true } });
    const banned = await clients.banned.request("POST", "/api/sections/introduction/comments", { json: { body: "Let me in" } });
    expect((await banned.json()).error.message).toMatch(/banned.*spam/);
  });

  it("security headers on pages and API responses: a nonce-only script policy", async () => {
    for (const path of ["/", "/api/health", "/results"]) {
      const response = await clients.none.get(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    }
    const html = await (await clients.none.get("/")).text();
    const nonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((match) => match[1]);
    expect(nonces.length).toBeGreaterThan(0);
  });
});

describe.runIf(hasPostgres)("rate limits across two instances sharing one database (the defaults)", () => {
  let cluster: AppCluster;
  beforeAll(async () => {
    // "" = not set: the servers run with the default limits.
    cluster = await startAppCluster(2, { RATE_LIMIT_COMMENTS_PER_MINUTE: "", RATE_LIMIT_COMMENTS_PER_DAY: "", RATE_LIMIT_VOTES_PER_MINUTE: "" });
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  /** One reader signed in on both instances, early enough in a fixed minute window to stay inside it. */
  async function oneReaderOnBothInstances(name: string): Promise<[HttpClient, HttpClient]> {
    const [a, b] = cluster.servers.map((server) => new HttpClient(server.url)) as [HttpClient, HttpClient];
    await a.signIn(name);
    b.setCookieHeader(a.cookieHeader().replace(/; /g, ";"));
    // Stay within one fixed minute window: if fewer than 10 s are left, wait for the next one.
    const left = 60 - (new Date().getUTCSeconds() % 60);
    if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
    return [a, b];
  }

  async function expectRateLimited(refused: Response): Promise<{ code: string; message: string }> {
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const { error } = await refused.json();
    expect(error.code).toBe("rate_limited");
    return error;
  }

  it("the sixth comment in a minute is refused with 429 and Retry-After, whichever instance receives it", async () => {
    const [a, b] = await oneReaderOnBothInstances("Quick Quinn");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const client = i % 2 === 0 ? a : b;
      statuses.push((await client.request("POST", "/api/sections/introduction/comments", { json: { body: `Comment ${i}` } })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    for (const client of [a, b]) {
      await expectRateLimited(await client.request("POST", "/api/sections/introduction/comments", { json: { body: "One too many" } }));
    }
  });

  it("the 31st vote change in a minute is refused with 429 and Retry-After, whichever instance receives it", async () => {
    const [a, b] = await oneReaderOnBothInstances("Vote Flipper Vic");
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const client = i % 2 === 0 ? a : b;
      statuses.push((await client.request("PUT", "/api/proposals/treaties/vote", { json: { stance: i % 2 === 0 ? 1 : -1 } })).status);
    }
    expect(statuses).toEqual(Array.from({ length: 30 }, () => 200));
    const refusedPut = await expectRateLimited(await a.request("PUT", "/api/proposals/treaties/vote", { json: { stance: 2 } }));
    expect(refusedPut.message).toContain("at most 30 a minute");
    await expectRateLimited(await b.request("DELETE", "/api/proposals/treaties/vote"));
    const treaties = (await (await a.get("/api/proposals")).json()).find((p: { id: string }) => p.id === "treaties");
    expect(treaties.myStance).toBe(-1);
  });
});
