import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { awaitFreshMinuteWindow } from "../support/minute-window";

describe.runIf(await requirePostgresForHttpSuite())("the sign-in rate limit (default: 10 attempts a minute per IP)", () => {
  let cluster: AppCluster;
  beforeAll(async () => {
    // "" = the default limit, across two instances sharing one database, behind one proxy: the
    // X-Forwarded-For each attempt sends is the entry that proxy appended.
    cluster = await startAppCluster(2, { RATE_LIMIT_SIGNINS_PER_MINUTE: "", TRUSTED_PROXY_HOPS: "1" });
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  const attempt = async (url: string, ip: string) => {
    const client = new HttpClient(url);
    const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
    return client.request("POST", "/api/auth/callback/dev", {
      body: new URLSearchParams({ csrfToken, name: "Limited Lee", json: "true" }),
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    });
  };

  it("refuses the 11th attempt in a minute from one IP, on whichever instance, with 429 and Retry-After", async () => {
    await awaitFreshMinuteWindow();
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < 10; i++) expect((await attempt(cluster.servers[i % 2]!.url, ip)).status).toBeLessThan(400);
    const refused = await attempt(cluster.servers[1]!.url, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("rate_limited");
    // Another address is not affected.
    expect((await attempt(cluster.servers[0]!.url, "198.51.100.7")).status).toBeLessThan(400);
  }, 120_000);
});
