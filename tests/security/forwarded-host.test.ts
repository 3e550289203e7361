// Fails on 20aeeb1: with AUTH_URL set, a write whose Origin matches a forged X-Forwarded-Host (and X-Forwarded-Proto) passes the same-origin guard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appOriginFrom } from "@/lib/auth/app-origin";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

describe("the app's origin", () => {
  const forged = new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });

  it("is AUTH_URL's when set, whatever the request's host headers say", () => {
    expect(appOriginFrom(forged, "https://agora.example/some/path")).toBe("https://agora.example");
  });

  it("without AUTH_URL (next dev, AUTH_TRUST_HOST=1) comes from the proxy's headers, as before", () => {
    expect(appOriginFrom(forged, undefined)).toBe("https://evil.example");
    expect(appOriginFrom(new Headers({ host: "localhost:3000" }), undefined)).toBe("http://localhost:3000");
    expect(appOriginFrom(new Headers({ host: "agora.example", "x-forwarded-proto": "javascript" }), undefined)).toBeNull();
    expect(appOriginFrom(new Headers(), undefined)).toBeNull();
  });
});

describe.runIf(await requirePostgresForHttpSuite())("with AUTH_URL set, the write guard accepts only that origin", () => {
  let cluster: AppCluster;
  let reader: HttpClient;
  let readerId: string;

  beforeAll(async () => {
    cluster = await startAppCluster(1); // productionEnv sets AUTH_URL to the server's own address
    reader = new HttpClient(cluster.servers[0]!.url);
    readerId = (await reader.signIn("Forwarded Fay")).id;
  }, 120_000);

  afterAll(async () => {
    await cluster?.dispose();
  });

  const rename = (headers: Record<string, string>) => reader.request("PATCH", `/api/users/${readerId}`, { json: { name: "Renamed Fay" }, headers });

  it.each([
    ["a forged X-Forwarded-Host and a matching Origin", { "x-forwarded-host": "evil.example", origin: "http://evil.example" }],
    [
      "a forged X-Forwarded-Host and X-Forwarded-Proto and a matching Origin",
      { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" },
    ],
    ["X-Forwarded-Host: localhost and a matching Origin (another name for this machine)", { "x-forwarded-host": "localhost", origin: "http://localhost" }],
  ])("%s → 403", async (_case, headers) => {
    const response = await rename(headers);
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  });

  it("the app's own origin still writes, whatever X-Forwarded-Host a proxy adds", async () => {
    expect((await rename({ "x-forwarded-host": "evil.example" })).status).toBe(200);
  });
});
