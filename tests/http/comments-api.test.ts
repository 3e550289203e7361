import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/db/connect";
import type { Database } from "@/db/database";
import { comments, commentUpvotes, sections, users } from "@/db/schema";
import { freePort, productionEnv, startAppServer, type AppServer } from "@/support/app-server";
import { HttpClient } from "@/support/http-client";
import { createTestDatabase, postgresServerAnswers } from "@/support/postgres-server";

// The discussion API over real HTTP: `next start` against a fresh PostgreSQL database.
if (!(await postgresServerAnswers())) {
  if (process.env.CI) throw new Error("CI needs the PostgreSQL server for the HTTP suite.");
  console.warn("No PostgreSQL server: the HTTP discussion suite needs one.");
}

const COMMENT_KEYS = ["author", "authorStance", "body", "createdAt", "deleted", "editedAt", "html", "id", "myUpvote", "parentId", "replies", "score"];

describe.runIf(await postgresServerAnswers())("the discussion API over HTTP", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: AppServer;
  let db: Database;
  let ada: HttpClient;
  let bob: HttpClient;
  let admin: HttpClient;
  let banned: HttpClient;
  let anonymous: HttpClient;
  let adaId: string;

  beforeAll(async () => {
    fresh = await createTestDatabase();
    const port = await freePort();
    server = await startAppServer(productionEnv(port, { DATABASE_URL: fresh.url.toString() }, { ADMIN_DEV_NAMES: "Author Ana" }), port);
    db = await connect({ driver: "postgres", url: fresh.url.toString(), max: 2 });
    [ada, bob, admin, banned, anonymous] = Array.from({ length: 5 }, () => new HttpClient(server.url)) as [
      HttpClient,
      HttpClient,
      HttpClient,
      HttpClient,
      HttpClient,
    ];
    adaId = (await ada.signIn("Ada Reader")).id;
    await bob.signIn("Bob Reader");
    await admin.signIn("Author Ana");
    const bannedId = (await banned.signIn("Banned Bea")).id;
    await db.db.update(users).set({ bannedAt: new Date(), banReason: "spamming links" }).where(eq(users.id, bannedId));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await fresh?.drop();
  });

  const postComment = (client: HttpClient, sectionId: string, json: unknown, headers: Record<string, string> = {}) =>
    client.request("POST", `/api/sections/${sectionId}/comments`, { json, headers });
  async function created(client: HttpClient, sectionId: string, json: Record<string, unknown>) {
    const response = await postComment(client, sectionId, json);
    expect(response.status).toBe(201);
    return (await response.json()).comment as { id: number; [key: string]: unknown };
  }
  async function expectError(response: Response, status: number, code: string, message?: RegExp) {
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    if (message) expect(body.error.message).toMatch(message);
    return body.error as { code: string; message: string; issues?: { path: string; message: string }[] };
  }

  it("renders the upvote toggle only for readers who may upvote; everyone else gets the count as plain HTML", async () => {
    await created(ada, "geopolitics", { body: "Count me, do not toggle me." });
    const pageFor = async (client: HttpClient) => (await client.get("/sections/geopolitics")).text();
    // The RSC payload names each client component the browser must load and hydrate.
    for (const html of [await pageFor(anonymous), await pageFor(ada)]) {
      expect(html).toContain('<span class="upvote-count"><span aria-hidden="true">▲ 0</span><span class="visually-hidden">0 upvotes</span></span>');
      expect(html).not.toContain('data-testid="upvote"');
      expect(html).not.toMatch(/\\"UpvoteButton\\"/);
    }
    const forBob = await pageFor(bob);
    expect(forBob).toContain('data-testid="upvote"');
    expect(forBob).toMatch(/\\"UpvoteButton\\"/);
  });

  it("gzips a JSON answer only when it is worth it: a small one goes as it is, marked no-transform", async () => {
    const small = await created(ada, "finally", { body: "Short and sweet." });
    const posted = await postComment(bob, "finally", { body: "A reply, under a kilobyte.", parentId: small.id });
    expect(posted.status).toBe(201);
    expect(posted.headers.get("content-encoding")).toBeNull();
    expect(posted.headers.get("cache-control")).toBe("no-transform");
    // fetch asks for gzip and decodes it; the header says what was sent.
    await created(ada, "finally", { body: "A longer thought. ".repeat(60) });
    const page = await anonymous.get("/api/sections/finally/comments?limit=20");
    expect((await page.clone().text()).length).toBeGreaterThan(1024);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect((await page.json()).comments.length).toBeGreaterThan(0);
  });

  it("GET /api/sections → 200 [{id,title,commentCount,locked}] for the ten sections", async () => {
    await created(ada, "introduction", { body: "Counted" });
    const response = await anonymous.get("/api/sections");
    expect(response.status).toBe(200);
    const list = await response.json();
    expect(list).toHaveLength(10);
    expect(list[0]).toEqual({ id: "introduction", title: "Introduction", commentCount: 1, locked: false });
    for (const section of list) expect(Object.keys(section).sort()).toEqual(["commentCount", "id", "locked", "title"]);
  });

  it("POST a comment → 201 {comment} with exactly the documented keys; a reply names its parent", async () => {
    const comment = await created(ada, "different-this-time", { body: "**Hello** <script>alert(1)</script>" });
    expect(Object.keys(comment).sort()).toEqual(COMMENT_KEYS);
    expect(comment).toMatchObject({
      parentId: null,
      author: { id: adaId, name: "Ada Reader", image: null },
      body: "**Hello** <script>alert(1)</script>",
      html: "<p><strong>Hello</strong> &#x3C;script>alert(1)&#x3C;/script></p>",
      editedAt: null,
      deleted: false,
      score: 0,
      myUpvote: false,
      authorStance: null,
      replies: [],
    });
    expect(typeof comment.id).toBe("number");
    const reply = await created(bob, "different-this-time", { body: "A reply", parentId: comment.id });
    expect(reply.parentId).toBe(comment.id);

    const page = await (await anonymous.get("/api/sections/different-this-time/comments")).json();
    expect(page.nextCursor).toBeNull();
    expect(page.comments).toHaveLength(1);
    expect(Object.keys(page.comments[0]).sort()).toEqual(COMMENT_KEYS);
    expect(page.comments[0].replies.map((node: { id: number }) => node.id)).toEqual([reply.id]);
  });

  describe("POST /api/sections/{id}/comments refuses", () => {
    it.each([
      ["an empty body", { body: "   " }, "body"],
      ["a body over 5,000 characters", { body: "x".repeat(5001) }, "body"],
      ["a missing body", {}, "body"],
      ["unknown fields", { body: "Hi", sectionId: "treaties" }, "(root)"],
      ["a parentId that is not a number", { body: "Hi", parentId: "1" }, "parentId"],
    ])("%s with 400 invalid_input naming the field", async (_case, json, path) => {
      const error = await expectError(await postComment(ada, "winners-take-most", json), 400, "invalid_input");
      expect(error.issues?.map((issue) => issue.path)).toContain(path);
    });

    it("a parent from another section with 400 and a clear message", async () => {
      const elsewhere = await created(ada, "geopolitics", { body: "Over here" });
      const error = await expectError(
        await postComment(bob, "winners-take-most", { body: "Reply", parentId: elsewhere.id }),
        400,
        "invalid_input",
        /same section/,
      );
      expect(error.issues).toEqual([{ path: "parentId", message: expect.any(String) }]);
    });

    it("malformed JSON (400), a non-JSON body (415) and a body over 16 KiB (413)", async () => {
      await expectError(
        await ada.request("POST", "/api/sections/winners-take-most/comments", { body: "{not json", headers: { "content-type": "application/json" } }),
        400,
        "invalid_input",
      );
      await expectError(
        await ada.request("POST", "/api/sections/winners-take-most/comments", {
          body: "body=hi",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
        "unsupported_media_type",
      );
      await expectError(await postComment(ada, "winners-take-most", { body: "x".repeat(17 * 1024) }), 413, "payload_too_large");
    });

    it("no session (401), another origin (403), a banned reader (403, with why)", async () => {
      await expectError(await postComment(anonymous, "winners-take-most", { body: "Hi" }), 401, "unauthenticated");
      await expectError(await postComment(ada, "winners-take-most", { body: "Hi" }, { origin: "https://evil.example" }), 403, "forbidden");
      await expectError(await postComment(banned, "winners-take-most", { body: "Hi" }), 403, "forbidden", /spamming links/);
    });

    it("an unknown section or parent (404)", async () => {
      await expectError(await postComment(ada, "no-such-section", { body: "Hi" }), 404, "not_found");
      await expectError(await postComment(ada, "winners-take-most", { body: "Hi", parentId: 987_654_321 }), 404, "not_found");
    });

    it("a locked section (403 'This discussion is locked.'), for comments and edits alike", async () => {
      const before = await created(ada, "what-should-we-do", { body: "Before the lock" });
      await db.db.update(sections).set({ lockedAt: new Date() }).where(eq(sections.id, "what-should-we-do"));
      try {
        await expectError(await postComment(bob, "what-should-we-do", { body: "After" }), 403, "forbidden", /^This discussion is locked\.$/);
        await expectError(
          await ada.request("PATCH", `/api/comments/${before.id}`, { json: { body: "Edited" } }),
          403,
          "forbidden",
          /^This discussion is locked\.$/,
        );
        expect((await (await anonymous.get("/api/sections")).json()).find((section: { id: string }) => section.id === "what-should-we-do").locked).toBe(true);
      } finally {
        await db.db.update(sections).set({ lockedAt: null }).where(eq(sections.id, "what-should-we-do"));
      }
    });
  });

  describe("GET /api/sections/{id}/comments", () => {
    it("pages by top-level comment with an opaque cursor, and sorts", async () => {
      const ids = [];
      for (let i = 0; i < 23; i++) ids.push((await created(i % 2 ? ada : bob, "haves-and-have-nots", { body: `Comment ${i}` })).id);
      const first = await (await anonymous.get("/api/sections/haves-and-have-nots/comments?sort=new")).json();
      expect(first.comments.map((node: { id: number }) => node.id)).toEqual(ids.slice(3).reverse());
      expect(typeof first.nextCursor).toBe("string");
      const second = await (await anonymous.get(`/api/sections/haves-and-have-nots/comments?sort=new&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
      expect(second.comments.map((node: { id: number }) => node.id)).toEqual(ids.slice(0, 3).reverse());
      expect(second.nextCursor).toBeNull();
      const old = await (await anonymous.get("/api/sections/haves-and-have-nots/comments?sort=old&limit=2")).json();
      expect(old.comments.map((node: { id: number }) => node.id)).toEqual(ids.slice(0, 2));
    });

    it.each([
      ["sort=best", "sort"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=ten", "limit"],
      ["cursor=not-a-cursor", "cursor"],
      ["cursor=eyJzb3J0IjoidG9wIn0", "cursor"],
      ["stance=maybe", "stance"],
    ])("?%s → 400 invalid_input naming %s", async (query, path) => {
      const error = await expectError(await anonymous.get(`/api/sections/haves-and-have-nots/comments?${query}`), 400, "invalid_input");
      expect(error.issues?.map((issue) => issue.path)).toEqual([path]);
    });

    it("an unknown section → 404", async () => {
      await expectError(await anonymous.get("/api/sections/no-such-section/comments"), 404, "not_found");
    });

    it("hidden comments are placeholders (body and html null) for readers, readable for admins", async () => {
      const hidden = await created(bob, "treaties", { body: "To be hidden" });
      await db.db.update(comments).set({ hiddenAt: new Date(), hiddenReason: "moderator" }).where(eq(comments.id, hidden.id));
      const forReader = (await (await ada.get("/api/sections/treaties/comments")).json()).comments.find((node: { id: number }) => node.id === hidden.id);
      expect(forReader).toMatchObject({ body: null, html: null, deleted: false });
      const forAdmin = (await (await admin.get("/api/sections/treaties/comments")).json()).comments.find((node: { id: number }) => node.id === hidden.id);
      expect(forAdmin).toMatchObject({ body: "To be hidden" });
    });
  });

  it("shows each author's stance on the section's proposal and filters by it, in the API and on the page", async () => {
    const [carol, dan] = [new HttpClient(server.url), new HttpClient(server.url)];
    await carol.signIn("Carol Supporter");
    await dan.signIn("Dan Opponent");
    // "government-action" carries the "government-funding" proposal.
    for (const [client, stance] of [
      [carol, 2],
      [dan, -1],
    ] as const) {
      expect((await client.request("PUT", "/api/proposals/government-funding/vote", { json: { stance } })).status).toBe(200);
    }
    const yes = await created(carol, "government-action", { body: "Carol says yes" });
    const no = await created(dan, "government-action", { body: "Dan says no" });
    const stanceOf = async (query: string) =>
      ((await (await anonymous.get(`/api/sections/government-action/comments?${query}`)).json()).comments as { id: number; authorStance: number | null }[]).map(
        (node) => [node.id, node.authorStance],
      );
    expect(await stanceOf("stance=support")).toEqual([[yes.id, 2]]);
    expect(await stanceOf("stance=oppose")).toEqual([[no.id, -1]]);
    expect(await stanceOf("stance=unsure")).toEqual([]);
    expect((await stanceOf("sort=new")).slice(0, 2)).toEqual([
      [no.id, -1],
      [yes.id, 2],
    ]);

    const page = await (await anonymous.get("/sections/government-action?stance=support")).text();
    expect(page).toContain("Carol says yes");
    expect(page).toContain("Strongly supports");
    expect(page).not.toContain("Dan says no");
    expect(await (await anonymous.get("/sections/government-action?stance=oppose")).text()).toContain("Opposes");
  });

  describe("PATCH and DELETE /api/comments/{id}", () => {
    it("the author edits → 200 {comment} marked edited; others → 403; bad input → 400; unknown → 404; no session → 401", async () => {
      const comment = await created(ada, "open-source", { body: "Original" });
      const response = await ada.request("PATCH", `/api/comments/${comment.id}`, { json: { body: "Edited _text_" } });
      expect(response.status).toBe(200);
      const edited = (await response.json()).comment;
      expect(edited).toMatchObject({ id: comment.id, body: "Edited _text_", html: "<p>Edited <em>text</em></p>" });
      expect(typeof edited.editedAt).toBe("string");
      await expectError(await bob.request("PATCH", `/api/comments/${comment.id}`, { json: { body: "Mine now" } }), 403, "forbidden");
      await expectError(await admin.request("PATCH", `/api/comments/${comment.id}`, { json: { body: "Moderated" } }), 403, "forbidden");
      await expectError(await ada.request("PATCH", `/api/comments/${comment.id}`, { json: { body: "" } }), 400, "invalid_input");
      await expectError(await ada.request("PATCH", `/api/comments/${comment.id}`, { json: { body: "x", pinned: true } }), 400, "invalid_input");
      await expectError(await ada.request("PATCH", "/api/comments/987654321", { json: { body: "x" } }), 404, "not_found");
      await expectError(await ada.request("PATCH", "/api/comments/abc", { json: { body: "x" } }), 404, "not_found");
      await expectError(await anonymous.request("PATCH", `/api/comments/${comment.id}`, { json: { body: "x" } }), 401, "unauthenticated");
      await expectError(
        await ada.request("PATCH", `/api/comments/${comment.id}`, { body: "x", headers: { "content-type": "text/plain" } }),
        415,
        "unsupported_media_type",
      );
    });

    it("DELETE by the author or an admin → 200 {comment} deleted with body null; others 403; unknown 404; no session 401", async () => {
      const mine = await created(ada, "open-source", { body: "Delete me" });
      const theirs = await created(bob, "open-source", { body: "An admin deletes me" });
      await expectError(await bob.request("DELETE", `/api/comments/${mine.id}`), 403, "forbidden");
      await expectError(await anonymous.request("DELETE", `/api/comments/${mine.id}`), 401, "unauthenticated");
      await expectError(await ada.request("DELETE", "/api/comments/987654321"), 404, "not_found");
      for (const [client, id] of [
        [ada, mine.id],
        [admin, theirs.id],
      ] as const) {
        const response = await client.request("DELETE", `/api/comments/${id}`);
        expect(response.status).toBe(200);
        expect((await response.json()).comment).toMatchObject({ id, deleted: true, body: null, html: null });
      }
      const page = await (await anonymous.get("/api/sections/open-source/comments")).json();
      expect(page.comments.map((node: { id: number }) => node.id)).not.toContain(mine.id);
    });
  });

  describe("PUT and DELETE /api/comments/{id}/upvote", () => {
    it("toggles → 200 {score,myUpvote}; own comment → 403; unknown → 404; no session → 401", async () => {
      const comment = await created(ada, "government-action", { body: "Upvote me" });
      const put = await bob.request("PUT", `/api/comments/${comment.id}/upvote`);
      expect(put.status).toBe(200);
      expect(await put.json()).toEqual({ score: 1, myUpvote: true });
      expect(await (await bob.request("PUT", `/api/comments/${comment.id}/upvote`)).json()).toEqual({ score: 1, myUpvote: true });
      expect(await (await admin.request("PUT", `/api/comments/${comment.id}/upvote`)).json()).toEqual({ score: 2, myUpvote: true });
      const seen = (await (await bob.get("/api/sections/government-action/comments")).json()).comments[0];
      expect(seen).toMatchObject({ id: comment.id, score: 2, myUpvote: true });
      const removed = await bob.request("DELETE", `/api/comments/${comment.id}/upvote`);
      expect(removed.status).toBe(200);
      expect(await removed.json()).toEqual({ score: 1, myUpvote: false });

      await expectError(await ada.request("PUT", `/api/comments/${comment.id}/upvote`), 403, "forbidden", /own comment/);
      await expectError(await bob.request("PUT", "/api/comments/987654321/upvote"), 404, "not_found");
      await expectError(await anonymous.request("PUT", `/api/comments/${comment.id}/upvote`), 401, "unauthenticated");
      await expectError(await banned.request("PUT", `/api/comments/${comment.id}/upvote`), 403, "forbidden");
    });

    it("concurrent toggles over HTTP leave score equal to the upvote count", async () => {
      const comment = await created(ada, "government-action", { body: "Race me" });
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? bob : admin).request(i % 3 ? "PUT" : "DELETE", `/api/comments/${comment.id}/upvote`)));
      const count = await db.db.$count(commentUpvotes, eq(commentUpvotes.commentId, comment.id));
      const [seen] = (await (await bob.get("/api/sections/government-action/comments?sort=new")).json()).comments;
      expect(seen).toMatchObject({ id: comment.id, score: count });
    });
  });
});
