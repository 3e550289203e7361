import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_STATUS_HEADER, PAGE_MAX_AGE_MS } from "@/lib/page-cache/anonymous-pages";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

// A signed-out reader's essay and section pages are rendered once a second per instance and served
// again from the proxy (lib/page-cache/anonymous-pages.ts). These tests hold it to what it promises:
// a nonce of its own in every response, nothing of a signed-in reader's page, freshness after writes.

const hasPostgres = await requirePostgresForHttpSuite();

const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
const nonceAttributes = (html: string) => [...html.matchAll(/\snonce="([^"]*)"/g)].map((match) => match[1]);

describe.runIf(hasPostgres)("the signed-out page cache", () => {
  let cluster: AppCluster;
  let url: string;

  beforeAll(async () => {
    cluster = await startAppCluster(1);
    url = cluster.servers[0]!.url;
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  /** GET `path` until one comes from the store (the first after a write or expiry renders). */
  async function storedPage(client: HttpClient, path: string, headers: Record<string, string> = {}) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await client.request("GET", path, { headers });
      expect(response.status).toBe(200);
      if (response.headers.get(CACHE_STATUS_HEADER) === "hit") return response;
      await response.text();
    }
    throw new Error(`${path} was never served from the store`);
  }

  it("serves a stored page with the request's own nonce in the header, every script and the preload links", async () => {
    const client = new HttpClient(url);
    const first = await client.request("GET", "/");
    const firstNonce = nonceOf(first)!;
    await first.text();
    const stored = await storedPage(client, "/");
    const nonce = nonceOf(stored)!;
    const html = await stored.text();
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(nonce).not.toBe(firstNonce);
    const attributes = nonceAttributes(html);
    expect(attributes.length).toBeGreaterThan(0);
    expect(new Set(attributes)).toEqual(new Set([nonce]));
    expect(html).not.toContain(firstNonce);
    for (const value of stored.headers.get("link")?.match(/nonce="[^"]*"/g) ?? []) expect(value).toBe(`nonce="${nonce}"`);
    expect(stored.headers.get("content-type")).toContain("text/html");
    expect(stored.headers.get("x-frame-options")).toBe("DENY");
  });

  it("serves section pages from the store too, and every theme its own page", async () => {
    const client = new HttpClient(url);
    expect(await (await storedPage(client, "/sections/introduction")).text()).toContain('data-section-id="introduction"');
    const dark = await (await storedPage(client, "/", { cookie: "theme=dark" })).text();
    expect(dark).toMatch(/<html[^>]*data-theme="dark"/);
    const system = await (await storedPage(client, "/")).text();
    expect(system).not.toMatch(/<html[^>]*data-theme="dark"/);
  });

  it("renders, never serves from the store, a signed-in reader's page, queries, RSC requests and a forged fill", async () => {
    const anonymous = new HttpClient(url);
    await storedPage(anonymous, "/");
    const reader = new HttpClient(url);
    await reader.signIn("Cached Cora");
    const signedIn = await reader.request("GET", "/");
    expect(signedIn.headers.get(CACHE_STATUS_HEADER)).toBeNull();
    expect(await signedIn.text()).toContain("Cached Cora");
    for (const [path, headers] of [
      ["/?sort=new", {}],
      ["/", { rsc: "1" }],
      ["/?_rsc=abc12", { rsc: "1" }],
      ["/", { "sec-fetch-dest": "empty" }],
      ["/", { "x-agora-page-fill": "1" }],
      ["/results", {}],
    ] as const) {
      const response = await anonymous.request("GET", path, { headers });
      expect(response.headers.get(CACHE_STATUS_HEADER), `${path} ${JSON.stringify(headers)}`).toBeNull();
      await response.text();
    }
    // The signed-in page never reached the store: the signed-out page does not name the reader.
    expect(await (await storedPage(anonymous, "/")).text()).not.toContain("Cached Cora");
  });

  it("drops the stored pages at a comment written on this instance, and renders anew after the maximum age", async () => {
    const anonymous = new HttpClient(url);
    await storedPage(anonymous, "/");
    const writer = new HttpClient(url);
    await writer.signIn("Writer Wren");
    const text = `Comment the store must not hide ${Date.now()}`;
    expect((await writer.request("POST", "/api/sections/introduction/comments", { json: { body: text } })).status).toBe(201);
    const after = await anonymous.request("GET", "/");
    expect(after.headers.get(CACHE_STATUS_HEADER)).toBe("fill");
    expect(await after.text()).toContain(text);

    await storedPage(anonymous, "/");
    await new Promise((resolve) => setTimeout(resolve, PAGE_MAX_AGE_MS + 100));
    const expired = await anonymous.request("GET", "/");
    expect(expired.headers.get(CACHE_STATUS_HEADER)).toBe("fill");
    await expired.text();
  });
});
