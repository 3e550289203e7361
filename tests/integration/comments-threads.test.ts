import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comments, rateLimitWindows, sections, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { ANCESTORS_PER_PERMALINK, getCommentContext, listSectionComments, VISIBLE_LEVELS } from "@/lib/comments/queries";
import { listDiscussionSections } from "@/lib/comments/sections";
import { createComment, editComment } from "@/lib/comments/write";
import { AppError } from "@/lib/errors";
import { counterMismatches, createActor } from "../support/discussion";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

describe.each(drivers)("threads on %s", (driver) => {
  let database: TestDatabase;
  let ada: Actor;
  let bob: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    ada = await createActor(database.db, "Ada");
    bob = await createActor(database.db, "Bob");
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const post = (actor: Actor, sectionId: string, body: string, parentId?: number) => createComment(database.db, actor, { sectionId, body, parentId });
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected a rejection");
      },
      (error: unknown) => error as AppError,
    );

  it("lists the ten sections with their comment counts and whether they are locked", async () => {
    const list = await listDiscussionSections(database.db);
    expect(list).toHaveLength(10);
    expect(list[0]).toMatchObject({ id: "introduction", commentCount: 0, locked: false, proposalId: null });
    expect(list.find((section) => section.id === "treaties")?.proposalId).toBe("treaties");
  });

  it("posts a top-level comment: its own root, depth 0, trimmed, rendered, counted", async () => {
    const comment = await post(ada, "introduction", "  Hello **world**  ");
    expect(comment).toMatchObject({
      parentId: null,
      depth: 0,
      body: "Hello **world**",
      deleted: false,
      score: 0,
      myUpvote: false,
      authorStance: null,
      replies: [],
    });
    expect(comment.author).toEqual({ id: ada.id, name: "Ada", image: null });
    expect(comment.html).toBe("<p>Hello <strong>world</strong></p>");
    expect(new Date(comment.createdAt).toISOString()).toBe(comment.createdAt);
    const [row] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(row).toMatchObject({ rootId: comment.id, depth: 0, replyCount: 0 });
    const [section] = await database.db.select().from(sections).where(eq(sections.id, "introduction"));
    expect(section!.commentCount).toBe(1);
  });

  it("replies to any depth: root_id is the thread's top, depth is the parent's + 1 (depth 10 and beyond)", async () => {
    const top = await post(ada, "different-this-time", "Top of a deep thread");
    let parent = top;
    const chain = [top];
    for (let depth = 1; depth <= 12; depth++) {
      parent = await post(depth % 2 ? bob : ada, "different-this-time", `Reply at depth ${depth}`, parent.id);
      chain.push(parent);
    }
    const rows = await database.db
      .select({ id: comments.id, rootId: comments.rootId, depth: comments.depth, parentId: comments.parentId, replyCount: comments.replyCount })
      .from(comments)
      .where(eq(comments.rootId, top.id));
    expect(rows).toHaveLength(13);
    for (const [depth, comment] of chain.entries()) {
      const row = rows.find((candidate) => candidate.id === comment.id)!;
      expect(row).toMatchObject({ rootId: top.id, depth, parentId: depth === 0 ? null : chain[depth - 1]!.id, replyCount: depth === 12 ? 0 : 1 });
    }

    // The section shows six levels nested; the sixth says how many replies continue on its permalink.
    const page = await listSectionComments(database.db, null, { sectionId: "different-this-time" });
    let node = page.comments.find((comment) => comment.id === top.id)!;
    for (let level = 1; level < VISIBLE_LEVELS; level++) {
      expect(node.replies).toHaveLength(1);
      expect(node.moreReplies).toBe(0);
      node = node.replies[0]!;
    }
    expect(node.depth).toBe(VISIBLE_LEVELS - 1);
    expect(node.replies).toEqual([]);
    expect(node.moreReplies).toBe(1);

    // The permalink of the depth-10 reply: its nearest three ancestors in order, the one above them to
    // continue up to, and what lies below it.
    const context = await getCommentContext(database.db, null, chain[10]!.id);
    expect(context?.ancestors.map((ancestor) => ancestor.id)).toEqual(chain.slice(10 - ANCESTORS_PER_PERMALINK, 10).map((comment) => comment.id));
    expect(context?.aboveId).toBe(chain[10 - ANCESTORS_PER_PERMALINK - 1]!.id);
    expect(context?.comment.id).toBe(chain[10]!.id);
    expect(context?.comment.replies[0]?.id).toBe(chain[11]!.id);
    expect(context?.comment.replies[0]?.replies[0]?.id).toBe(chain[12]!.id);
    expect(context?.section.id).toBe("different-this-time");
    // Near the top there is nothing further up.
    const shallow = await getCommentContext(database.db, null, chain[ANCESTORS_PER_PERMALINK]!.id);
    expect(shallow?.ancestors.map((ancestor) => ancestor.id)).toEqual(chain.slice(0, ANCESTORS_PER_PERMALINK).map((comment) => comment.id));
    expect(shallow?.aboveId).toBeNull();
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  it("refuses a parent from another section with 400 naming parentId", async () => {
    const elsewhere = await post(ada, "geopolitics", "In geopolitics");
    const error = await rejection(post(bob, "winners-take-most", "Cross-section reply", elsewhere.id));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/same section/);
    expect(error.issues).toEqual([{ path: "parentId", message: expect.any(String) }]);
    // The database refuses it too: the composite foreign key (parent_id, section_id).
    await expect(
      database.db
        .insert(comments)
        .values({ sectionId: "winners-take-most", parentId: elsewhere.id, rootId: elsewhere.id, depth: 1, authorId: bob.id, body: "sneaky" }),
    ).rejects.toThrow();
  });

  it("answers 404 for an unknown section or parent", async () => {
    expect((await rejection(post(ada, "no-such-section", "Hello"))).code).toBe("not_found");
    expect((await rejection(post(ada, "introduction", "Hello", 99_999_999))).code).toBe("not_found");
    expect((await rejection(listSectionComments(database.db, null, { sectionId: "no-such-section" }))).code).toBe("not_found");
    expect(await getCommentContext(database.db, null, 99_999_999)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["only white space", "  \n\t "],
    ["longer than 5,000 characters", "x".repeat(5001)],
    ["a NUL character", "a\u0000b"],
    ["not a string", 42],
  ])("refuses a body that is %s with 400", async (_case, body) => {
    const error = await rejection(createComment(database.db, ada, { sectionId: "introduction", body }));
    expect(error.code).toBe("invalid_input");
    expect(error.issues?.[0]?.path).toBe("body");
  });

  it("accepts exactly 5,000 characters, counting an emoji as one", async () => {
    expect((await post(ada, "haves-and-have-nots", "y".repeat(5000))).body).toHaveLength(5000);
    expect([...(await post(ada, "haves-and-have-nots", "😀".repeat(5000))).body!]).toHaveLength(5000);
  });

  it("a locked section refuses new comments, replies and edits with 403 'This discussion is locked.'", async () => {
    const before = await post(ada, "what-should-we-do", "Before the lock");
    await database.db.update(sections).set({ lockedAt: new Date() }).where(eq(sections.id, "what-should-we-do"));
    const attempts = [
      () => post(bob, "what-should-we-do", "After"),
      () => post(bob, "what-should-we-do", "Reply", before.id),
      () => editComment(database.db, ada, { commentId: before.id, body: "Edited" }),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt());
      expect(error.code).toBe("forbidden");
      expect(error.message).toBe("This discussion is locked.");
    }
    expect((await listDiscussionSections(database.db)).find((section) => section.id === "what-should-we-do")?.locked).toBe(true);
    await database.db.update(sections).set({ lockedAt: null }).where(eq(sections.id, "what-should-we-do"));
  });

  it("keeps the counters equal to recounts under concurrent posting", async () => {
    const top = await post(ada, "finally", "Concurrent replies below");
    await Promise.all(Array.from({ length: 12 }, (_, i) => post(i % 2 ? ada : bob, "finally", `Reply ${i}`, i % 3 ? top.id : undefined)));
    expect(await counterMismatches(database.db)).toEqual([]);
    const [section] = await database.db.select({ count: sections.commentCount }).from(sections).where(eq(sections.id, "finally"));
    expect(section?.count).toBe(13);
  });

  it("checks the writer in the posting statement itself: an unknown user is unauthenticated, a banned one forbidden, and neither writes or counts", async () => {
    const cy = await createActor(database.db, "Banned Cy");
    await post(cy, "geopolitics", "Before the ban");
    await database.db.update(users).set({ bannedAt: new Date(), banReason: "flooding threads" }).where(eq(users.id, cy.id));
    const countBefore = await commentCount("geopolitics");
    const refused = await rejection(createComment(database.db, { id: cy.id }, { sectionId: "geopolitics", body: "After the ban" }));
    expect(refused).toMatchObject({ code: "forbidden", message: expect.stringContaining("flooding threads") });
    const unknown = await rejection(createComment(database.db, { id: "no-such-user" }, { sectionId: "geopolitics", body: "Ghost" }));
    expect(unknown).toMatchObject({ code: "unauthenticated" });
    expect(await commentCount("geopolitics")).toBe(countBefore);
    // Refused before the rate limit: only the accepted comment was counted.
    const windows = await database.db
      .select({ count: rateLimitWindows.count })
      .from(rateLimitWindows)
      .where(eq(rateLimitWindows.key, `comments:minute:${cy.id}`));
    expect(windows).toEqual([{ count: 1 }]);
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  // PGlite has one connection, so only a server can hold the ban open while the comment waits.
  if (driver !== "pglite")
    it("sees a ban that commits while the comment waits for the writer's row", async () => {
      const dee = await createActor(database.db, "Hasty Dee");
      const countBefore = await commentCount("geopolitics");
      let posting: Promise<unknown> | undefined;
      await database.db.transaction(async (tx) => {
        await tx.update(users).set({ bannedAt: new Date(), banReason: "spam" }).where(eq(users.id, dee.id));
        posting = rejection(createComment(database.db, { id: dee.id }, { sectionId: "geopolitics", body: "Quick, before the ban" }));
        // The statement is now queued behind this transaction's row lock on Dee.
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect(await posting).toMatchObject({ code: "forbidden", message: expect.stringContaining("spam") });
      expect(await commentCount("geopolitics")).toBe(countBefore);
    });

  const commentCount = async (sectionId: string) =>
    (await database.db.select({ count: sections.commentCount }).from(sections).where(eq(sections.id, sectionId)))[0]!.count;
});
