import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentRevisions, comments, votes } from "@/db/schema";
import { MAX_FORM_BODY_BYTES } from "@/lib/api/body-limits";
import { ANCESTORS_PER_PERMALINK } from "@/lib/comments/queries";
import { MAX_REVISIONS_PER_COMMENT } from "@/lib/comments/schemas";
import { RESULTS_MAX_AGE_MS } from "@/lib/results/results-snapshot";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

// What one reader can make the server do, as an attacker would ask it over HTTP against a production
// build: each answer is bounded, or refused with a 4xx, and never a 500.

const EDITS_PER_MINUTE = 30;

describe.runIf(await requirePostgresForHttpSuite())("work a reader can cause is bounded", () => {
  let cluster: AppCluster;
  let url: string;
  let ada: HttpClient;
  let bob: HttpClient;
  let anonymous: HttpClient;

  beforeAll(async () => {
    cluster = await startAppCluster(1, { RATE_LIMIT_EDITS_PER_MINUTE: String(EDITS_PER_MINUTE), RATE_LIMIT_EDITS_PER_DAY: "1000" });
    url = cluster.servers[0]!.url;
    [ada, bob, anonymous] = [new HttpClient(url), new HttpClient(url), new HttpClient(url)];
    await ada.signIn("Bounded Ada");
    await bob.signIn("Bounded Bob");
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  async function post(client: HttpClient, body: string, parentId?: number): Promise<number> {
    const response = await client.request("POST", "/api/sections/geopolitics/comments", { json: { body, parentId } });
    expect(response.status).toBe(201);
    return (await response.json()).comment.id;
  }
  const edit = (client: HttpClient, id: number, body: string) => client.request("PATCH", `/api/comments/${id}`, { json: { body } });
  const cursor = (payload: object) => Buffer.from(JSON.stringify(payload)).toString("base64url");

  it("Fails on 20aeeb1: a forged comments cursor past a column's range is a 400 naming the cursor (was a 500)", async () => {
    for (const forged of [
      { sort: "top", score: 2 ** 31, id: 1 },
      { sort: "top", score: Number.MAX_SAFE_INTEGER, id: 1 },
      { sort: "top", score: 1, id: 2 ** 63 },
      { sort: "new", id: 1e300 },
    ]) {
      const response = await anonymous.get(`/api/sections/geopolitics/comments?sort=${forged.sort}&cursor=${cursor(forged)}`);
      expect(response.status, JSON.stringify(forged)).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("invalid_input");
      expect(error.issues).toEqual([{ path: "cursor", message: expect.any(String) }]);
      // The discussion page takes the same cursor from a shared link: it shows the first page instead.
      expect((await anonymous.get(`/sections/geopolitics?sort=${forged.sort}&cursor=${cursor(forged)}`)).status).toBe(200);
    }
  });

  it(`Fails on 20aeeb1: comment edits are rate-limited like comments (${EDITS_PER_MINUTE} a minute here), past that 429 with Retry-After`, async () => {
    const id = await post(ada, "Edited over and over");
    for (let i = 1; i <= EDITS_PER_MINUTE; i++) expect((await edit(ada, id, `Version ${i}`)).status).toBe(200);
    const refused = await edit(ada, id, "One too many");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Too many edits/) });
    const [row] = await cluster.database.db.select({ body: comments.body }).from(comments).where(eq(comments.id, id));
    expect(row!.body).toBe(`Version ${EDITS_PER_MINUTE}`);
  });

  it(`Fails on 20aeeb1: a comment keeps its ${MAX_REVISIONS_PER_COMMENT} most recent earlier versions, not one per edit forever`, async () => {
    const id = await post(bob, "Version 0");
    const edits = MAX_REVISIONS_PER_COMMENT + 5;
    for (let i = 1; i <= edits; i++) expect((await edit(bob, id, `Version ${i}`)).status).toBe(200);
    const kept = await cluster.database.db
      .select({ body: commentRevisions.body })
      .from(commentRevisions)
      .where(eq(commentRevisions.commentId, id))
      .orderBy(commentRevisions.id);
    // The newest ones: versions 5 … 24 (version 25 is the comment itself).
    expect(kept.map((revision) => revision.body)).toEqual(
      Array.from({ length: MAX_REVISIONS_PER_COMMENT }, (_, i) => `Version ${edits - MAX_REVISIONS_PER_COMMENT + i}`),
    );
  });

  it(`Fails on 20aeeb1: a deep reply's permalink shows the nearest ${ANCESTORS_PER_PERMALINK} comments above it and a link up, not every ancestor`, async () => {
    const chain = [await post(ada, "Depth 0")];
    for (let depth = 1; depth <= 40; depth++) chain.push(await post(depth % 2 ? bob : ada, `Depth ${depth}`, chain.at(-1)));
    const html = await (await anonymous.get(`/c/${chain[40]}`)).text();
    const above = /<section aria-label="Earlier in this thread"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    const shown = [...above.matchAll(/<article[^>]*id="c-(\d+)"/g)].map((match) => Number(match[1]));
    expect(shown).toEqual(chain.slice(40 - ANCESTORS_PER_PERMALINK, 40));
    const up = chain[40 - ANCESTORS_PER_PERMALINK - 1];
    expect(html).toContain(`href="/c/${up}#c-${up}"`);
    expect(html).toContain("Continue to the parent thread");
  });

  it("Fails on 20aeeb1: a link-preview image for a proposal that does not exist is a 404, not a rendered PNG", async () => {
    const unknown = await anonymous.get("/proposals/no-such-proposal/opengraph-image");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).not.toBe("image/png");
    const known = await anonymous.get("/proposals/open-source/opengraph-image");
    expect(known.status).toBe(200);
    expect(known.headers.get("content-type")).toBe("image/png");
  });

  it(`Fails on 20aeeb1: votes.csv is served from the shared results snapshot (at most ${RESULTS_MAX_AGE_MS} ms old), not recomputed per download; this instance's own vote drops it`, async () => {
    // Readers who vote "elsewhere": straight into the database, as another instance would.
    const others = await Promise.all(Array.from({ length: 5 }, async (_, i) => (await new HttpClient(url).signIn(`Elsewhere ${i}`)).id));
    const csv = async () => (await anonymous.get("/api/results/votes.csv")).text();
    let sameWithinSnapshot: boolean | null = null;
    for (const other of others) {
      // A vote through this instance starts a fresh snapshot, so the two downloads below share one
      // whenever they both happen within its age; a slow machine just tries again.
      expect((await ada.request("PUT", "/api/proposals/open-source/vote", { json: { stance: others.indexOf(other) % 2 ? 1 : -1 } })).status).toBe(200);
      const started = Date.now();
      const first = await csv();
      await cluster.database.db.execute(sql`select * from agora_set_vote(${other}, null, 'treaties', 2::smallint, 1000)`);
      const second = await csv();
      if (Date.now() - started >= RESULTS_MAX_AGE_MS) continue;
      sameWithinSnapshot = second === first;
      break;
    }
    expect(sameWithinSnapshot, "two downloads within the snapshot's age: the same file").toBe(true);

    // A vote through this instance drops the snapshot: the next download has it, and everything since.
    expect((await bob.request("PUT", "/api/proposals/treaties/vote", { json: { stance: -2 } })).status).toBe(200);
    const rows = (await csv()).trimEnd().split("\n").slice(1);
    expect(rows).toHaveLength(await cluster.database.db.$count(votes));
  });

  it(`Fails on 20aeeb1: a server action's body is capped at ${MAX_FORM_BODY_BYTES / 1024} KiB (was 1 MB): a larger one gets 413, declared or chunked, and other readers are served meanwhile`, async () => {
    // Any page's theme switcher is a public server action, as a form without JavaScript posts it.
    const page = await (await anonymous.get("/results")).text();
    const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1];
    expect(actionField).toBeDefined();
    const oversized = () => {
      const form = new FormData();
      form.append(actionField!, "");
      form.append("theme", "x".repeat(2 * 1024 * 1024));
      return form;
    };
    // The same multipart body, once with its Content-Length and once streamed in chunks without one.
    const multipart = await new Response(oversized()).blob();
    const declared = anonymous.request("POST", "/results", { body: multipart, headers: { "content-type": multipart.type } });
    const chunked = fetch(`${url}/results`, {
      method: "POST",
      headers: { "content-type": multipart.type, origin: url },
      body: multipart.stream(),
      duplex: "half",
    } as RequestInit);
    const readers = Array.from({ length: 4 }, () => anonymous.get("/results"));
    const [declaredResponse, chunkedResponse, ...readerResponses] = await Promise.all([declared, chunked, ...readers]);
    expect(declaredResponse.status).toBe(413);
    expect(chunkedResponse.status).toBe(413);
    expect(await declaredResponse.text()).toMatch(/at most 32 KiB/);
    expect(readerResponses.map((response) => response.status)).toEqual([200, 200, 200, 200]);

    // The largest real form still fits: a 5,000-character comment of 4-byte characters, posted as a
    // browser without JavaScript posts it (its form's hidden fields, then the text).
    const section = await (await ada.get("/sections/geopolitics")).text();
    const form = /<form class="comment-form comment-form-new"[\s\S]*?<\/form>/.exec(section)?.[0] ?? "";
    const fields = new FormData();
    for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g))
      fields.append(unescapeHtml(name!), unescapeHtml(value ?? ""));
    const body = "🌍".repeat(5000);
    fields.append("body", body);
    const posted = await ada.request("POST", "/sections/geopolitics", { body: fields });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toMatch(/^\/c\/\d+#c-\d+$/);
    const [stored] = await cluster.database.db.select({ id: comments.id }).from(comments).where(eq(comments.body, body));
    expect(stored).toBeDefined();
  });

  it("Fails on 20aeeb1: every page forbids form posts to other origins (CSP form-action 'self')", async () => {
    for (const path of ["/", "/signin", "/api/health"]) {
      expect((await anonymous.get(path)).headers.get("content-security-policy")).toMatch(/(^|; )form-action 'self'(;|$)/);
    }
  });
});

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
