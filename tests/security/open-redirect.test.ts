// Fails on 20aeeb1: a signed-in reader sent to /signin?callbackUrl=/%09/evil.example is redirected to "/<tab>/evil.example", which browsers (dropping the tab) follow to evil.example; so does the development sign-in form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { hiddenFormFields } from "../support/html-form";
import { hostileCallbacks, originReached } from "./hostile-callbacks";

const APP = "http://127.0.0.1:3000";

describe("safeCallbackPath: only a path that stays on the app's origin", () => {
  it.each(hostileCallbacks(APP))("refuses %j, or returns a path a browser resolves on this origin", (value) => {
    const path = safeCallbackPath(value, APP);
    expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
    expect(path).not.toMatch(/[\u0000-\u001f\u007f-\u009f\\]/);
    expect(originReached(path, APP)).toBe(APP);
  });

  it("keeps a path on this site, normalised, and an absolute URL of this origin as its path", () => {
    expect(safeCallbackPath("/proposals/treaties#vote", APP)).toBe("/proposals/treaties#vote");
    expect(safeCallbackPath("/sections/geopolitics?x=1&y=2", APP)).toBe("/sections/geopolitics?x=1&y=2");
    expect(safeCallbackPath(`${APP}/sections/geopolitics?x=1`, APP)).toBe("/sections/geopolitics?x=1");
    expect(safeCallbackPath("/essays/a b", APP)).toBe("/essays/a%20b");
  });

  it("refuses control characters and backslashes anywhere, even where a URL parser would forgive them", () => {
    for (const value of ["/sections/a\tb", "/sections/a\\b", "/sections/a?x=\n1", "/sections/a#\u0000"]) expect(safeCallbackPath(value, APP)).toBe("/");
  });

  it("refuses another port or scheme of the same host, and the sign-in pages themselves", () => {
    expect(safeCallbackPath("http://127.0.0.1:3001/", APP)).toBe("/");
    expect(safeCallbackPath("https://127.0.0.1:3000/", APP)).toBe("/");
    expect(safeCallbackPath("/signin?callbackUrl=/x", APP)).toBe("/");
    expect(safeCallbackPath("/signin/error", APP)).toBe("/");
  });
});

describe.runIf(await requirePostgresForHttpSuite())("no open redirect through sign-in, over HTTP", () => {
  let cluster: AppCluster;
  let app: string;
  let reader: HttpClient;

  beforeAll(async () => {
    cluster = await startAppCluster(1);
    app = cluster.servers[0]!.url;
    reader = new HttpClient(app);
    await reader.signIn("Redirected Reader");
  }, 120_000);

  afterAll(async () => {
    await cluster?.dispose();
  });

  const corpus = () => hostileCallbacks(app);

  it("/signin?callbackUrl=… sends a signed-in reader only to this origin", async () => {
    for (const value of corpus()) {
      const response = await reader.get(`/signin?callbackUrl=${encodeURIComponent(value)}`);
      expect({ value, status: response.status }).toEqual({ value, status: 307 });
      expect({ value, reached: originReached(response.headers.get("location")!, app) }).toEqual({ value, reached: app });
    }
  });

  it("the development sign-in form, its callbackUrl field tampered with, sends the reader only to this origin", async () => {
    const fields = hiddenFormFields(await (await new HttpClient(app).get("/signin")).text(), "callbackUrl");
    for (const value of corpus()) {
      const form = new FormData();
      for (const [name, fieldValue] of fields) form.append(name, fieldValue);
      form.set("name", "Form Reader");
      form.set("callbackUrl", value);
      const response = await new HttpClient(app).request("POST", "/signin", { body: form });
      expect({ value, status: response.status }).toEqual({ value, status: 303 });
      expect({ value, reached: originReached(response.headers.get("location")!, app) }).toEqual({ value, reached: app });
    }
  });

  // On 20aeeb1 next-auth's default never left the origin, but a newline in callbackUrl made it answer 500.
  it("next-auth's sign-in callback sends the reader only to this origin", async () => {
    for (const value of corpus()) {
      const client = new HttpClient(app);
      const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
      const response = await client.request("POST", "/api/auth/callback/dev", {
        body: new URLSearchParams({ csrfToken, name: "Callback Reader", callbackUrl: value }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect({ value, status: response.status }).toEqual({ value, status: 302 });
      expect({ value, reached: originReached(response.headers.get("location")!, app) }).toEqual({ value, reached: app });
    }
  });
});
