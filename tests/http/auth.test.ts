import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/db/connect";
import type { Database } from "@/db/database";
import { users } from "@/db/schema";
import { freePort, productionEnv, runAppServerExpectingExit, startAppServer, type AppServer } from "@/support/app-server";
import { HttpClient, isAcceptedSignIn } from "@/support/http-client";
import { createTestDatabase, postgresServerAnswers } from "@/support/postgres-server";

// Real HTTP against two production servers (`next start`) sharing one fresh PostgreSQL database.
if (!(await postgresServerAnswers())) {
  if (process.env.CI) throw new Error("CI needs the PostgreSQL server for the HTTP suite.");
  console.warn("No PostgreSQL server: the HTTP sign-in suite needs one (two instances share it).");
}

describe.runIf(await postgresServerAnswers())("sign-in over HTTP", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: AppServer;
  let second: AppServer;
  let db: Database;

  beforeAll(async () => {
    fresh = await createTestDatabase();
    const env = (port: number) => productionEnv(port, { DATABASE_URL: fresh.url.toString() }, { ADMIN_DEV_NAMES: "Author Ana" });
    const [portA, portB] = [await freePort(), await freePort()];
    first = await startAppServer(env(portA), portA);
    second = await startAppServer(env(portB), portB);
    db = await connect({ driver: "postgres", url: fresh.url.toString(), max: 2 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await db?.close();
    await fresh?.drop();
  });

  it("a script signs in: csrf → callback/dev answers 200 {url} → session with id, name and role", async () => {
    const client = new HttpClient(first.url);
    const response = await client.postDevCallback("Script Reader");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ url: `${first.url}/` });
    const session = await (await client.get("/api/auth/session")).json();
    expect(session.user).toMatchObject({ name: "Script Reader", role: "reader" });
    expect(typeof session.user.id).toBe("string");

    // The same name is the same user.
    expect((await new HttpClient(first.url).signIn("Script Reader")).id).toBe(session.user.id);
    // ADMIN_DEV_NAMES makes a development login an admin.
    expect((await new HttpClient(first.url).signIn("Author Ana")).role).toBe("admin");
  });

  it("sets the session cookie httpOnly and SameSite=Lax", async () => {
    const response = await new HttpClient(first.url).postDevCallback("Cookie Reader");
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("next-auth.session-token="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it.each([
    ["an empty", "   "],
    ["a 41-character", "x".repeat(41)],
  ])("refuses %s development name: 401 pointing at the error page, and no session", async (_case, name) => {
    const client = new HttpClient(first.url);
    const response = await client.postDevCallback(name);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ url: `${first.url}/api/auth/error?error=CredentialsSignin&provider=dev` });
    expect(response.headers.getSetCookie().filter((value) => value.startsWith("next-auth.session-token="))).toEqual([]);
    expect(await (await client.get("/api/auth/session")).json()).toEqual({});
    await expect(new HttpClient(first.url).signIn(name)).rejects.toThrow(/refused: 401/);
  });

  it("refuses a forged csrf token — with next-auth's 200 that points back at sign-in, so scripts must read the url", async () => {
    const client = new HttpClient(first.url);
    await client.get("/api/auth/csrf");
    const response = await client.postDevCallback("Forger Fay", "not-the-token");
    const body = await response.text();
    expect([response.status, JSON.parse(body)]).toEqual([200, { url: `${first.url}/api/auth/signin?csrf=true` }]);
    expect(isAcceptedSignIn(response.status, body, first.url)).toBe(false);
    expect(await (await client.get("/api/auth/session")).json()).toEqual({});
  });

  it("a session cookie from one instance is accepted by another sharing AUTH_SECRET and the database", async () => {
    const onFirst = new HttpClient(first.url);
    const user = await onFirst.signIn("Roaming Reader");
    const onSecond = new HttpClient(second.url);
    onSecond.setCookieHeader(onFirst.cookieHeader());
    expect((await (await onSecond.get("/api/auth/session")).json()).user).toMatchObject({ id: user.id, name: "Roaming Reader" });
    const renamed = await onSecond.request("PATCH", `/api/users/${user.id}`, { json: { name: "Roaming Renamed" } });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).user).toMatchObject({ id: user.id, name: "Roaming Renamed" });
  });

  describe("the write guard", () => {
    let owner: HttpClient;
    let ownerId: string;
    let other: HttpClient;
    let banned: HttpClient;
    let admin: HttpClient;

    beforeAll(async () => {
      owner = new HttpClient(first.url);
      ownerId = (await owner.signIn("Owner Olga")).id;
      other = new HttpClient(first.url);
      await other.signIn("Other Otto");
      banned = new HttpClient(first.url);
      const bannedId = (await banned.signIn("Banned Bea")).id;
      await db.db.update(users).set({ bannedAt: new Date(), banReason: "spamming links" }).where(eq(users.id, bannedId));
      admin = new HttpClient(first.url);
      await admin.signIn("Author Ana");
    });

    const patch = (client: HttpClient, headers: Record<string, string> = {}) =>
      client.request("PATCH", `/api/users/${ownerId}`, { json: { name: "Changed" }, headers });

    it.each([
      ["no session", () => patch(new HttpClient(first.url)), 401, "unauthenticated"],
      ["a cross-origin request, even signed in", () => patch(owner, { origin: "https://evil.example" }), 403, "forbidden"],
      ["a cross-site fetch without Origin", () => patch(owner, { origin: "", "sec-fetch-site": "cross-site" }), 403, "forbidden"],
      ["Origin: null", () => patch(owner, { origin: "null" }), 403, "forbidden"],
      ["a banned reader", () => patch(banned), 403, "forbidden"],
      ["a reader who is not the owner", () => patch(other), 403, "forbidden"],
      ["the owner", () => patch(owner), 200, null],
      ["the owner from a script (no Origin, no Fetch Metadata)", () => patch(owner, { origin: "" }), 200, null],
      ["an admin", () => patch(admin), 200, null],
    ] as const)("%s → %i", async (_case, send, status, code) => {
      const response = await send();
      expect(response.status).toBe(status);
      const body = await response.json();
      if (code) {
        expect(body).toEqual({ error: { code, message: expect.any(String) } });
      } else {
        expect(body.user.id).toBe(ownerId);
      }
    });

    it("tells a banned reader why", async () => {
      const body = await (await patch(banned)).json();
      expect(body.error.message).toContain("spamming links");
    });

    it("answers 404 for an unknown user and 400 naming the field for bad input", async () => {
      expect((await owner.request("PATCH", "/api/users/nobody", { json: { name: "X" } })).status).toBe(404);
      const bad = await owner.request("PATCH", `/api/users/${ownerId}`, { json: { name: "", extra: 1 } });
      expect(bad.status).toBe(400);
      const body = await bad.json();
      expect(body.error.code).toBe("invalid_input");
      expect(body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["(root)", "name"]);
      const notJson = await owner.request("PATCH", `/api/users/${ownerId}`, { body: "name=x", headers: { "content-type": "text/plain" } });
      expect(notJson.status).toBe(415);
    });
  });

  it("a production server without AUTH_SECRET or any provider refuses to start and names what is missing", async () => {
    const port = await freePort();
    const env = productionEnv(port, { DATABASE_URL: fresh.url.toString() });
    delete env.AUTH_SECRET;
    delete env.AUTH_DEV_LOGIN;
    const { code, output } = await runAppServerExpectingExit(env, port);
    expect(code).toBe(1);
    expect(output).toContain("AUTH_SECRET");
    expect(output).toContain("No sign-in provider is configured");
  });

  it("a production server with the development login warns loudly", () => {
    expect(first.output()).toContain("AUTH_DEV_LOGIN=1: anyone can sign in as anyone");
  });
});
