// Fails on 20aeeb1: a dynamic segment Next cannot percent-decode (`/c/%C0%AF`) got a plain-text 500 from its router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { fillRoute, routeInventory, type Route } from "../support/route-inventory";

/** Not valid percent-encoded UTF-8: a lone or short `%`, overlong forms, a surrogate, truncated sequences, bytes UTF-8 never uses. */
const UNDECODABLE = [
  "%",
  "%%",
  "a%",
  "%G1",
  "%0",
  "%C0%AF",
  "%E0%80%AF",
  "%F0%80%80%AF",
  "%F8%88%80%80%80",
  "%FF",
  "%FE",
  "%80",
  "%C3",
  "%ED%A0%80",
  "%ED%BF%BF",
  "%E0%A4%A",
  "%F0%9F%98",
];
/** Decodable, but odd once decoded: NUL, a slash, dots, a literal %, a noncharacter, an emoji, a newline. */
const ODD = ["%00", "%2F", "%2e%2e", "%2e%2e%2F%2e%2e%2Fpackage.json", "%25", "%EF%BF%BF", "%F0%9F%98%80", "%0A", "%C2%A0"];
const CORPUS = [...UNDECODABLE, ...ODD];
/** Every query parameter name the app reads, each given the bad value at once. */
const QUERY_NAMES = ["sort", "cursor", "limit", "stance", "reply", "edit", "before", "callbackUrl", "error", "email", "token"];
const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const CONCURRENCY = 8;

interface Probe {
  method: string;
  path: string;
  /** The attacker signed in, sending the app's Origin (what a same-site form or script would). */
  signedIn: boolean;
  /** Undecodable path: the answer must be a 404 (JSON in the shared shape under /api/). */
  expectNotFound: boolean;
  /** A route handler's path (the body sent is JSON)… */
  api: boolean;
  /** …and still under /api/ (unless the probe replaced that segment). */
  underApi: boolean;
}

describe.runIf(await requirePostgresForHttpSuite())("malformed percent-encodings on every route", () => {
  let cluster: AppCluster;
  let mallory: HttpClient;
  let anonymous: HttpClient;
  let ids: { comment: string; alice: string };
  const routes = routeInventory();

  beforeAll(async () => {
    cluster = await startAppCluster(1);
    const url = cluster.servers[0]!.url;
    const alice = new HttpClient(url);
    const aliceId = (await alice.signIn("Alice Author")).id;
    const posted = await alice.request("POST", "/api/sections/geopolitics/comments", { json: { body: "A comment for the probes to aim at" } });
    expect(posted.status).toBe(201);
    ids = { comment: String((await posted.json()).comment.id), alice: aliceId };
    mallory = new HttpClient(url);
    await mallory.signIn("Mallory Probe");
    anonymous = new HttpClient(url);
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  /** A real id for each dynamic segment, so the route's own code runs on the segments left intact. */
  const fill = (param: string, before: string[]): string | undefined => {
    const parent = before.at(-1);
    if (param === "slug") return "ai-and-the-coming-inequality";
    if (param === "nextauth") return "session";
    if (param === "action") return { comments: "hide", sections: "lock", users: "ban" }[before.at(-2) ?? ""];
    if (param === "id") return { sections: "geopolitics", proposals: "open-source", comments: ids.comment, c: ids.comment, users: ids.alice }[parent ?? ""];
    return undefined;
  };

  function probes(route: Route): Probe[] {
    const api = route.kind === "api";
    const valid = fillRoute(route, fill);
    const list: Probe[] = [];
    const add = (method: string, path: string, expectNotFound: boolean) => {
      const underApi = path.startsWith("/api/");
      list.push({ method, path, signedIn: false, expectNotFound, api, underApi });
      if (WRITE_METHODS.has(method)) list.push({ method, path, signedIn: true, expectNotFound, api, underApi });
    };
    // What the route answers: its exported methods (a page: GET, and POST as a server action would).
    const methods = api ? route.methods : ["GET", "POST"];
    // Bounded in time: each (place, encoding) pair is sent once, its method taken in turn from the
    // list, so over the corpus every method meets every segment (seven methods, 17 undecodable
    // encodings) without the full product of the three.
    let turn = 0;
    const next = (list: string[]) => list[turn++ % list.length]!;
    // Each segment in turn, and one past the end, replaced by each entry of the corpus: undecodable
    // ones with any method (the proxy answers them), odd ones with the route's own.
    for (let index = 0; index <= valid.length; index++) {
      for (const bad of CORPUS) {
        const segments = [...valid];
        segments[index] = bad;
        const undecodable = UNDECODABLE.includes(bad);
        add(next(undecodable ? ALL_METHODS : methods), `/${segments.join("/")}`, undecodable);
      }
    }
    // The real path with the corpus as a query parameter's name, and as the value of every name the
    // app reads, with each of the route's methods.
    for (const bad of CORPUS) {
      const values = QUERY_NAMES.map((name) => `${name}=${bad}`).join("&");
      for (const query of [`${bad}=1`, values]) add(next(methods), `/${valid.join("/")}?${query}`, false);
    }
    return list;
  }

  it("answers every method on every route with a 4xx or better, never a 5xx: undecodable paths get 404 (JSON under /api/, the not-found page elsewhere)", async () => {
    // The inventory really is the app's: pages, route handlers with their methods, images.
    const byPattern = Object.fromEntries(routes.map((route) => [route.pattern, route]));
    expect(byPattern["/c/[id]"]?.kind).toBe("page");
    expect(byPattern["/api/proposals/[id]/vote"]?.methods).toEqual(["PUT", "DELETE"]);
    expect(byPattern["/api/auth/[...nextauth]"]?.methods).toEqual(["GET", "POST"]);
    expect(byPattern["/proposals/[id]/opengraph-image"]?.kind).toBe("image");
    expect(routes.length).toBeGreaterThanOrEqual(30);

    const all = routes.flatMap(probes);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const send = async (probe: Probe) => {
      const client = probe.signedIn ? mallory : anonymous;
      const json = WRITE_METHODS.has(probe.method) && probe.api ? { body: "probe", stance: 0 } : undefined;
      // The anonymous writer is a script: no Origin. The signed-in one sends the app's, like its browser.
      const headers: Record<string, string> = probe.signedIn ? {} : { origin: "" };
      if (probe.signedIn && probe.method === "POST" && !probe.api) headers["next-action"] = "0".repeat(42);
      const response = await client.request(probe.method, probe.path, { json, headers });
      const text = probe.method === "HEAD" ? "" : await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const where = `${probe.method} ${probe.path}${probe.signedIn ? " (signed in)" : ""} → ${response.status}`;
      if (response.status >= 500) failures.push(`${where}: ${text.slice(0, 120)}`);
      else if (probe.expectNotFound && response.status !== 404) failures.push(`${where}: expected 404`);
      else if (probe.expectNotFound && probe.method !== "HEAD") {
        const shaped = probe.underApi ? isErrorShape(text, "not_found") : /not found/i.test(text);
        if (!shaped) failures.push(`${where}: not the ${probe.underApi ? "shared JSON error" : "not-found page"}: ${text.slice(0, 120)}`);
      }
    };
    for (let i = 0; i < all.length; i += CONCURRENCY) await Promise.all(all.slice(i, i + CONCURRENCY).map(send));

    console.log(
      `malformed URLs: ${routes.length} routes, ${all.length} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(failures.slice(0, 50), `${failures.length} failures`).toEqual([]);
    // The server is still there for everybody else.
    expect((await anonymous.get("/api/health")).status).toBe(200);
  }, 600_000);
});

function isErrorShape(text: string, code: string): boolean {
  try {
    const body = JSON.parse(text);
    return body?.error?.code === code && typeof body.error.message === "string" && Object.keys(body).length === 1;
  } catch {
    return false;
  }
}
