import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { HttpClient } from "@/support/http-client";
import { voteInvariantViolations } from "@/support/invariants";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

describe.runIf(await requirePostgresForHttpSuite())("the votes API over HTTP", () => {
  let cluster: AppCluster;
  let reader: HttpClient;
  let url: string;

  beforeAll(async () => {
    cluster = await startAppCluster(2);
    url = cluster.servers[0]!.url;
    reader = new HttpClient(url);
    await reader.signIn("Voter Vi");
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  const put = (client: HttpClient, id: string, body: unknown, headers?: Record<string, string>) =>
    client.request("PUT", `/api/proposals/${id}/vote`, {
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    });

  it("GET /api/proposals lists the three proposals with tallies and the caller's stance", async () => {
    const response = await reader.get("/api/proposals");
    expect(response.status).toBe(200);
    const proposals = await response.json();
    expect(proposals.map((p: { id: string; sectionId: string }) => [p.id, p.sectionId])).toEqual([
      ["open-source", "open-source"],
      ["government-funding", "government-action"],
      ["treaties", "treaties"],
    ]);
    expect(proposals[0]).toEqual({
      id: "open-source",
      title: expect.any(String),
      summary: expect.any(String),
      sectionId: "open-source",
      myStance: null,
      tally: { counts: { "-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0 }, total: 0 },
    });
  });

  it("PUT casts and changes, DELETE withdraws, each answering the new tally", async () => {
    const cast = await put(reader, "government-funding", { stance: 1 });
    expect(cast.status).toBe(200);
    expect(await cast.json()).toEqual({ id: "government-funding", myStance: 1, tally: { counts: { "-2": 0, "-1": 0, "0": 0, "1": 1, "2": 0 }, total: 1 } });
    const changed = await (await put(reader, "government-funding", { stance: -2 })).json();
    expect(changed).toMatchObject({ myStance: -2, tally: { counts: { "-2": 1, "1": 0 }, total: 1 } });
    const mine = (await (await reader.get("/api/proposals")).json()).find((p: { id: string }) => p.id === "government-funding");
    expect(mine.myStance).toBe(-2);
    const withdrawn = await reader.request("DELETE", "/api/proposals/government-funding/vote");
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toEqual({
      id: "government-funding",
      myStance: null,
      tally: { counts: { "-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0 }, total: 0 },
    });
  });

  it("a vote on one instance shows at once on another (shared database, no instance cache)", async () => {
    await put(reader, "treaties", { stance: 2 });
    const onOther = await (await fetch(`${cluster.servers[1]!.url}/api/proposals`)).json();
    expect(onOther.find((p: { id: string }) => p.id === "treaties").tally.counts["2"]).toBe(1);
  });

  it.each([
    ["stance 3", { stance: 3 }, "stance"],
    ["stance 1.5", { stance: 1.5 }, "stance"],
    ['stance "2"', { stance: "2" }, "stance"],
    ["stance null", { stance: null }, "stance"],
    ["a missing stance", {}, "stance"],
    ["an unknown field", { stance: 1, weight: 10 }, "(root)"],
    ["an array", [1], "(root)"],
  ])("400 invalid_input for %s, naming the field", async (_case, body, field) => {
    const response = await put(reader, "open-source", body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain(field);
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(field);
  });

  it("400 for malformed JSON, 413 over 16 KiB, 415 for a non-JSON content type", async () => {
    const malformed = await put(reader, "open-source", "{stance: 1");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_input");
    const huge = await put(reader, "open-source", JSON.stringify({ stance: 1, pad: "x".repeat(17 * 1024) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");
    const form = await reader.request("PUT", "/api/proposals/open-source/vote", {
      body: "stance=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe("unsupported_media_type");
  });

  it("401 without a session, 403 cross-origin and banned, 404 for an unknown proposal", async () => {
    const anonymous = await put(new HttpClient(url), "open-source", { stance: 1 });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("unauthenticated");
    expect((await new HttpClient(url).request("DELETE", "/api/proposals/open-source/vote")).status).toBe(401);

    const crossOrigin = await put(reader, "open-source", { stance: 1 }, { origin: "https://evil.example" });
    expect(crossOrigin.status).toBe(403);

    const banned = new HttpClient(url);
    const { id } = await banned.signIn("Banned Ben");
    await cluster.database.db.update(users).set({ bannedAt: new Date(), banReason: "vote brigading" }).where(eq(users.id, id));
    const refused = await put(banned, "open-source", { stance: 1 });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("vote brigading") });

    const unknown = await put(reader, "no-such-proposal", { stance: 1 });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
    expect((await put(reader, "..%2F..%2Fetc", { stance: 1 })).status).toBe(404);
  });

  it("keeps every invariant after many readers race over HTTP on two instances", async () => {
    const readers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const client = new HttpClient(cluster.servers[i % 2]!.url);
        await client.signIn(`Http Racer ${i}`);
        return client;
      }),
    );
    const ids = ["open-source", "government-funding", "treaties"];
    const responses = await Promise.all(
      Array.from({ length: 120 }, (_, i) => {
        const client = readers[i % readers.length]!;
        const id = ids[i % 3]!;
        return i % 7 === 0 ? client.request("DELETE", `/api/proposals/${id}/vote`) : put(client, id, { stance: (i % 5) - 2 });
      }),
    );
    expect(responses.map((response) => response.status).filter((status) => status !== 200)).toEqual([]);
    expect(await voteInvariantViolations(cluster.database.db)).toEqual([]);
  });
});
