// Fails on 20aeeb1: `next start` with NODE_ENV=test (or development) serves with the development login on and signs sessions with the development secret committed in the repository; ADMIN_DEV_NAMES outlives the development login.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { authConfigFromEnv } from "@/lib/auth/config";
import { getEnv, parseEnv } from "@/lib/env";
import { freePort, productionEnv, runAppServerExpectingExit, startOrExit } from "@/support/app-server";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

/** The secret 20aeeb1 fell back to outside production, committed in lib/auth/config.ts: anyone could read it. */
const OLD_DEVELOPMENT_SECRET = "agora-development-secret-not-for-production";
/** A real provider, so a server without the development login has a way to sign in and starts. */
const EMAIL_PROVIDER = { EMAIL_SERVER: "smtp://127.0.0.1:9", EMAIL_FROM: "Agora <agora@example.org>" };

describe("development mode comes from `next dev`, never from a runtime variable", () => {
  it("outside a `next dev` build, the runtime NODE_ENV does not make the app believe it is in development", () => {
    expect(process.env.NODE_ENV).toBe("test"); // vitest sets it, as an operator might for `next start`
    expect(getEnv().NODE_ENV).toBe("production");
  });

  it.each(["test", "production"] as const)("NODE_ENV=%s has no fixed secret and no development login unless asked", (mode) => {
    const config = authConfigFromEnv(parseEnv({ NODE_ENV: mode }));
    expect(config.secret).toBeUndefined();
    expect(config.devLogin).toBe(false);
  });

  it("ADMIN_DEV_NAMES grants nothing while the development login is off", () => {
    expect(authConfigFromEnv(parseEnv({ NODE_ENV: "production", ADMIN_DEV_NAMES: "Author Ana" })).adminDevNames.size).toBe(0);
    expect(authConfigFromEnv(parseEnv({ NODE_ENV: "development", AUTH_DEV_LOGIN: "0", ADMIN_DEV_NAMES: "Author Ana" })).adminDevNames.size).toBe(0);
    expect(authConfigFromEnv(parseEnv({ NODE_ENV: "production", AUTH_DEV_LOGIN: "1", ADMIN_DEV_NAMES: "Author Ana" })).adminDevNames.size).toBe(1);
  });
});

describe.runIf(await requirePostgresForHttpSuite())("a production build cannot fail open, over HTTP", () => {
  let cluster: AppCluster;
  let app: string;
  let victimId: string;

  beforeAll(async () => {
    // NODE_ENV=test at run time, a real secret, an email provider, and AUTH_DEV_LOGIN not set ("" = unset).
    cluster = await startAppCluster(1, { NODE_ENV: "test", AUTH_DEV_LOGIN: "", ...EMAIL_PROVIDER });
    app = cluster.servers[0]!.url;
    const [victim] = await cluster.database.db.insert(users).values({ name: "Victim Vera", email: "vera@example.org" }).returning();
    victimId = victim!.id;
  }, 120_000);

  afterAll(async () => {
    await cluster?.dispose();
  });

  /** What an attacker who has read the repository sends: a session for the victim under the committed secret. */
  async function forgedSessionIsRefused(url: string): Promise<void> {
    const forged = await encode({ token: { sub: victimId, name: "Victim Vera" }, secret: OLD_DEVELOPMENT_SECRET, maxAge: 3600 });
    const [writer, asker] = [new HttpClient(url), new HttpClient(url)]; // next-auth clears a cookie it refuses
    writer.setCookieHeader(`next-auth.session-token=${forged}`);
    asker.setCookieHeader(`next-auth.session-token=${forged}`);
    expect((await writer.request("PATCH", `/api/users/${victimId}`, { json: { name: "Owned" } })).status).toBe(401);
    expect(await (await asker.get("/api/auth/session")).json()).toEqual({});
  }

  it.each(["test", "development"])("started with NODE_ENV=%s and no AUTH_SECRET, it refuses to start, naming AUTH_SECRET", async (nodeEnv) => {
    const port = await freePort();
    const env = productionEnv(port, { DATABASE_URL: cluster.databaseUrl }, { NODE_ENV: nodeEnv, AUTH_DEV_LOGIN: "" });
    delete env.AUTH_SECRET;
    const outcome = await startOrExit(env, port);
    if ("server" in outcome) {
      // 20aeeb1 served here, signing sessions with the secret in the repository: show what that allowed.
      try {
        await forgedSessionIsRefused(outcome.server.url);
      } finally {
        await outcome.server.stop();
      }
    }
    expect(outcome).toEqual({ exit: { code: 1, output: expect.stringContaining("AUTH_SECRET (or NEXTAUTH_SECRET) is not set") } });
  });

  it("started with NODE_ENV=test, the development login is off and a session minted with the old development secret is refused", async () => {
    expect(await (await new HttpClient(app).get("/signin")).text()).not.toContain("Development login");
    const client = new HttpClient(app);
    const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
    await client.request("POST", "/api/auth/callback/dev", {
      body: new URLSearchParams({ csrfToken, name: "Intruder", json: "true" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await (await client.get("/api/auth/session")).json()).toEqual({});
    await forgedSessionIsRefused(app);
  });

  it("ADMIN_DEV_NAMES without AUTH_DEV_LOGIN=1 refuses to start and names the variable", async () => {
    const port = await freePort();
    const env = productionEnv(port, { DATABASE_URL: cluster.databaseUrl }, { AUTH_DEV_LOGIN: "", ADMIN_DEV_NAMES: "Author Ana", ...EMAIL_PROVIDER });
    const { code, output } = await runAppServerExpectingExit(env, port);
    expect(code).toBe(1);
    expect(output).toContain("ADMIN_DEV_NAMES is set but the development login is off");
  });
});
