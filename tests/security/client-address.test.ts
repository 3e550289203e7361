// Fails on 20aeeb1: the sign-in limit keyed on the left-most X-Forwarded-For entry, which the client
// writes, so a fresh value per attempt escaped it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimitWindows } from "@/db/schema";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { awaitFreshMinuteWindow } from "../support/minute-window";

/** One development-login attempt with the headers an attacker (or the proxy in front) sends. */
async function signInAttempt(url: string, headers: Record<string, string>) {
  const client = new HttpClient(url);
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return client.request("POST", "/api/auth/callback/dev", {
    body: new URLSearchParams({ csrfToken, name: "Rotating Rex", json: "true" }),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

let counter = 0;
/** An address never used before in this run: what an attacker writes into each attempt. */
const freshAddress = () => `198.51.${Math.floor(++counter / 250)}.${(counter % 250) + 1}`;

describe.runIf(await requirePostgresForHttpSuite())("the sign-in limit keys on an address the client cannot choose", () => {
  describe("with no proxy in front (TRUSTED_PROXY_HOPS unset: the socket's address)", () => {
    let cluster: AppCluster;
    beforeAll(async () => {
      cluster = await startAppCluster(1, { RATE_LIMIT_SIGNINS_PER_MINUTE: "" });
    }, 120_000);
    afterAll(async () => {
      await cluster?.dispose();
    });

    it("refuses the 11th attempt in a minute though each one claims a fresh X-Forwarded-For (and peer header)", async () => {
      await awaitFreshMinuteWindow();
      const url = cluster.servers[0]!.url;
      const forged = () => ({ "x-forwarded-for": `${freshAddress()}, ${freshAddress()}`, "x-agora-peer-address": freshAddress(), "x-real-ip": freshAddress() });
      for (let i = 0; i < 10; i++) expect((await signInAttempt(url, forged())).status).toBeLessThan(400);
      const refused = await signInAttempt(url, forged());
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe("rate_limited");
      // Keyed on the connection's own address (the recorded peer), not on "unknown".
      const keys = await cluster.database.db.select({ key: rateLimitWindows.key }).from(rateLimitWindows);
      expect(keys.map(({ key }) => key)).toEqual(["signins:minute:127.0.0.1"]);
    }, 120_000);
  });

  describe("behind one proxy that appends the client's address (TRUSTED_PROXY_HOPS=1, like nginx's $proxy_add_x_forwarded_for)", () => {
    let cluster: AppCluster;
    beforeAll(async () => {
      cluster = await startAppCluster(1, { RATE_LIMIT_SIGNINS_PER_MINUTE: "", TRUSTED_PROXY_HOPS: "1" });
    }, 120_000);
    afterAll(async () => {
      await cluster?.dispose();
    });

    // The test plays the proxy: whatever the client sent, then the address the proxy saw.
    const viaProxy = (clientSent: string, sawClientAt: string) => ({ "x-forwarded-for": `${clientSent}, ${sawClientAt}` });

    it("refuses the 11th attempt from one client whatever it writes into X-Forwarded-For, and lets another client in", async () => {
      await awaitFreshMinuteWindow();
      const url = cluster.servers[0]!.url;
      for (let i = 0; i < 10; i++) expect((await signInAttempt(url, viaProxy(freshAddress(), "203.0.113.50"))).status).toBeLessThan(400);
      const refused = await signInAttempt(url, viaProxy(freshAddress(), "203.0.113.50"));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await signInAttempt(url, viaProxy(freshAddress(), "203.0.113.51"))).status).toBeLessThan(400);
    }, 120_000);

    it("counts an IPv6 client by its /64 network, so a fresh address from it per attempt does not help", async () => {
      await awaitFreshMinuteWindow();
      const url = cluster.servers[0]!.url;
      const network = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
      for (let i = 1; i <= 10; i++) expect((await signInAttempt(url, viaProxy(freshAddress(), `${network}::${i.toString(16)}`))).status).toBeLessThan(400);
      expect((await signInAttempt(url, viaProxy(freshAddress(), `${network}:abcd::11`))).status).toBe(429);
      expect((await signInAttempt(url, viaProxy(freshAddress(), `2001:db8:ffff:7::1`))).status).toBeLessThan(400);
    }, 120_000);
  });
});
