import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

// The essay's previews come from a per-instance snapshot (lib/comments/discussion-snapshot.ts): two
// instances on one database prove what it promises — others' comments within a second or two, a
// reader's own writes on their next request wherever it lands, a hide at once on the instance that hid it.

const hasPostgres = await requirePostgresForHttpSuite();

/** The bound README promises for other readers' comments, with room for a loaded machine. */
const OTHERS_WITHIN_MS = 5_000;

describe.runIf(hasPostgres)("the essay's previews stay fresh across instances", () => {
  let cluster: AppCluster;
  let first: string;
  let second: string;

  beforeAll(async () => {
    cluster = await startAppCluster(2, { ADMIN_DEV_NAMES: "Moderator Mo" });
    [first, second] = cluster.servers.map((server) => server.url) as [string, string];
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  const essay = async (client: HttpClient) => {
    const response = await client.request("GET", "/");
    expect(response.status).toBe(200);
    return response.text();
  };

  /** Polls `/` until `check` holds; returns how long that took, or fails after `withinMs`. */
  async function until(client: HttpClient, check: (html: string) => boolean, withinMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      if (check(await essay(client))) return Date.now() - started;
      if (Date.now() - started > withinMs) throw new Error(`not seen within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("shows a reader their own comment at once on either instance, and others within the bound", async () => {
    const anonymousOnSecond = new HttpClient(second);
    const anonymousOnFirst = new HttpClient(first);
    // Both instances hold a snapshot from before the comment.
    await essay(anonymousOnFirst);
    await essay(anonymousOnSecond);

    const writer = new HttpClient(first);
    await writer.signIn("Writer Wyn");
    const text = `Fresh preview comment ${Date.now()}`;
    const posted = await writer.request("POST", "/api/sections/introduction/comments", { json: { body: text } });
    expect(posted.status).toBe(201);

    expect(await essay(writer)).toContain(text);
    const writerOnSecond = new HttpClient(second);
    writerOnSecond.setCookieHeader(writer.cookieHeader());
    expect(await essay(writerOnSecond)).toContain(text);
    // The instance that took the write dropped its snapshot; the other catches up within the bound.
    expect(await essay(anonymousOnFirst)).toContain(text);
    await until(anonymousOnSecond, (html) => html.includes(text), OTHERS_WITHIN_MS);
  });

  it("takes a hidden comment out of every preview at once on the instance that hid it", async () => {
    const writer = new HttpClient(second);
    await writer.signIn("Hidden Hal");
    const text = `Soon hidden comment ${Date.now()}`;
    const posted = await writer.request("POST", "/api/sections/introduction/comments", { json: { body: text } });
    const { comment } = (await posted.json()) as { comment: { id: number } };
    const anonymousOnFirst = new HttpClient(first);
    const anonymousOnSecond = new HttpClient(second);
    await until(anonymousOnFirst, (html) => html.includes(text), OTHERS_WITHIN_MS);
    expect(await essay(anonymousOnSecond)).toContain(text);

    const moderator = new HttpClient(first);
    await moderator.signIn("Moderator Mo");
    const hidden = await moderator.request("POST", `/api/admin/comments/${comment.id}/hide`, { json: { reason: "test" } });
    expect(hidden.status).toBe(200);

    expect(await essay(anonymousOnFirst)).not.toContain(text);
    await until(anonymousOnSecond, (html) => !html.includes(text), OTHERS_WITHIN_MS);
  });

  it("shows a reader their own vote on their next request, on the other instance", async () => {
    const voter = new HttpClient(first);
    await voter.signIn("Voter Vic");
    const onSecond = new HttpClient(second);
    onSecond.setCookieHeader(voter.cookieHeader());
    expect(await essay(onSecond)).toMatch(/0 of \d+ proposals voted/);
    const proposals = (await (await voter.request("GET", "/api/proposals")).json()) as { id: string }[];
    const vote = await voter.request("PUT", `/api/proposals/${proposals[0]!.id}/vote`, { json: { stance: 2 } });
    expect(vote.status).toBe(200);
    expect(await essay(onSecond)).toMatch(/1 of \d+ proposals voted/);
    expect(await essay(voter)).toMatch(/1 of \d+ proposals voted/);
  });

  it("serves the API's default first page the same way: the writer's comment at once anywhere, others' within the bound", async () => {
    const firstPage = async (client: HttpClient) => {
      const response = await client.request("GET", "/api/sections/introduction/comments?sort=top&limit=20");
      expect(response.status).toBe(200);
      return JSON.stringify(await response.json());
    };
    const anonymousOnSecond = new HttpClient(second);
    await firstPage(anonymousOnSecond);
    const writer = new HttpClient(first);
    await writer.signIn("Api Writer Ada");
    const text = `Fresh API comment ${Date.now()}`;
    expect((await writer.request("POST", "/api/sections/introduction/comments", { json: { body: text } })).status).toBe(201);
    const writerOnSecond = new HttpClient(second);
    writerOnSecond.setCookieHeader(writer.cookieHeader());
    expect(await firstPage(writerOnSecond)).toContain(text);
    expect(await firstPage(new HttpClient(first))).toContain(text);
    const started = Date.now();
    while (!(await firstPage(anonymousOnSecond)).includes(text)) {
      if (Date.now() - started > OTHERS_WITHIN_MS) throw new Error(`not seen within ${OTHERS_WITHIN_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
