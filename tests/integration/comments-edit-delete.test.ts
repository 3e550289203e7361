import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentRevisions, comments, moderationLog, sections } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import type { CommentNode } from "@/lib/comments/comment-nodes";
import { getCommentContext, listSectionComments } from "@/lib/comments/queries";
import { MAX_REVISIONS_PER_COMMENT } from "@/lib/comments/schemas";
import { createComment, deleteComment, editComment } from "@/lib/comments/write";
import type { AppError } from "@/lib/errors";
import { DEFAULT_LIMITS } from "@/lib/rate-limit";
import { counterMismatches, createActor } from "../support/discussion";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

describe.each(drivers)("editing and deleting on %s", (driver) => {
  let database: TestDatabase;
  let ada: Actor;
  let bob: Actor;
  let admin: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    ada = await createActor(database.db, "Ada");
    bob = await createActor(database.db, "Bob");
    admin = await createActor(database.db, "Author Ana", "admin");
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const post = (actor: Actor, sectionId: string, body: string, parentId?: number) => createComment(database.db, actor, { sectionId, body, parentId });
  const remove = (actor: Actor, commentId: number) => deleteComment(database.db, actor, { commentId });
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "ok",
      (error: AppError) => error.code,
    );
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail("expected a refusal"),
      (error: AppError) => error,
    );
  const sectionCount = async (id: string) => (await database.db.select({ count: sections.commentCount }).from(sections).where(eq(sections.id, id)))[0]!.count;
  /** A section's threads as ids: a comment without replies as its id, one with replies as [id, replies]. */
  type Shape = number | [number, Shape[]];
  const shape = (nodes: CommentNode[]): Shape[] => nodes.map((node) => (node.replies.length ? [node.id, shape(node.replies)] : node.id));
  const threadIds = async (sectionId: string) => shape((await listSectionComments(database.db, null, { sectionId, sort: "old" })).comments);

  it("the author edits: marked edited, the earlier versions kept in order, visible to admins only", async () => {
    const original = await post(ada, "introduction", "First version");
    expect(original.editedAt).toBeNull();
    const second = await editComment(database.db, ada, { commentId: original.id, body: "Second *version*" });
    expect(second).toMatchObject({ body: "Second *version*", html: "<p>Second <em>version</em></p>" });
    expect(second.editedAt).not.toBeNull();
    const third = await editComment(database.db, ada, { commentId: original.id, body: "Third version" });

    const revisions = await database.db.select().from(commentRevisions).where(eq(commentRevisions.commentId, original.id)).orderBy(commentRevisions.id);
    expect(revisions.map((revision) => revision.body)).toEqual(["First version", "Second *version*"]);
    expect(revisions[0]!.writtenAt.toISOString()).toBe(original.createdAt);
    expect(revisions[1]!.writtenAt.toISOString()).toBe(second.editedAt);

    const asAdmin = (await listSectionComments(database.db, admin, { sectionId: "introduction" })).comments.find((node) => node.id === original.id)!;
    expect(asAdmin.revisions?.map((revision) => revision.body)).toEqual(["First version", "Second *version*"]);
    const asReader = (await listSectionComments(database.db, bob, { sectionId: "introduction" })).comments.find((node) => node.id === original.id)!;
    expect(asReader.revisions).toBeUndefined();
    expect(asReader.body).toBe(third.body);

    // Saving the same text again is not a new version.
    await editComment(database.db, ada, { commentId: original.id, body: "  Third version " });
    expect(await database.db.$count(commentRevisions, eq(commentRevisions.commentId, original.id))).toBe(2);
  });

  it("edits are rate-limited per minute and per day, like comments; a refused edit changes nothing", async () => {
    const eve = await createActor(database.db, "Edit Limit Eve");
    const comment = await post(eve, "introduction", "Version 0");
    const perDay = { ...DEFAULT_LIMITS, editsPerMinute: 1000, editsPerDay: 2 };
    await editComment(database.db, eve, { commentId: comment.id, body: "Version 1" }, { limits: perDay });
    await editComment(database.db, eve, { commentId: comment.id, body: "Version 2" }, { limits: perDay });
    const refused = await rejection(editComment(database.db, eve, { commentId: comment.id, body: "Version 3" }, { limits: perDay }));
    expect(refused).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Too many edits: at most 2 a day/) });
    expect(refused.retryAfter).toBeGreaterThan(0);

    const fay = await createActor(database.db, "Edit Limit Fay");
    const mine = await post(fay, "introduction", "Mine");
    const perMinute = { ...DEFAULT_LIMITS, editsPerMinute: 1, editsPerDay: 1000 };
    await editComment(database.db, fay, { commentId: mine.id, body: "Once" }, { limits: perMinute });
    expect((await rejection(editComment(database.db, fay, { commentId: mine.id, body: "Twice" }, { limits: perMinute }))).message).toMatch(
      /at most 1 a minute/,
    );

    const bodies = await database.db
      .select({ body: comments.body })
      .from(comments)
      .where(inArray(comments.id, [comment.id, mine.id]))
      .orderBy(comments.id);
    expect(bodies.map((row) => row.body)).toEqual(["Version 2", "Once"]);
    expect(await database.db.$count(commentRevisions, eq(commentRevisions.commentId, comment.id))).toBe(2);
  });

  it(`keeps the ${MAX_REVISIONS_PER_COMMENT} newest earlier versions of a comment, dropped in the edit's own transaction`, async () => {
    const gil = await createActor(database.db, "Many Edits Gil");
    const comment = await post(gil, "introduction", "Version 0");
    const edits = MAX_REVISIONS_PER_COMMENT + 3;
    for (let i = 1; i <= edits; i++) await editComment(database.db, gil, { commentId: comment.id, body: `Version ${i}` });
    const expected = Array.from({ length: MAX_REVISIONS_PER_COMMENT }, (_, i) => `Version ${edits - MAX_REVISIONS_PER_COMMENT + i}`);
    const kept = await database.db
      .select({ body: commentRevisions.body })
      .from(commentRevisions)
      .where(eq(commentRevisions.commentId, comment.id))
      .orderBy(commentRevisions.id);
    expect(kept.map((row) => row.body)).toEqual(expected);
    const asAdmin = (await listSectionComments(database.db, admin, { sectionId: "introduction" })).comments.find((node) => node.id === comment.id)!;
    expect(asAdmin.revisions?.map((revision) => revision.body)).toEqual(expected);
  });

  it("only the author edits: another reader and even an admin get 403; bad bodies 400; unknown 404", async () => {
    const comment = await post(ada, "introduction", "Mine");
    expect(await codeOf(editComment(database.db, bob, { commentId: comment.id, body: "Hijacked" }))).toBe("forbidden");
    expect(await codeOf(editComment(database.db, admin, { commentId: comment.id, body: "Moderated" }))).toBe("forbidden");
    expect(await codeOf(editComment(database.db, ada, { commentId: comment.id, body: " " }))).toBe("invalid_input");
    expect(await codeOf(editComment(database.db, ada, { commentId: 99_999_999, body: "x" }))).toBe("not_found");
    const [row] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(row!.body).toBe("Mine");
  });

  it("deleting a comment without replies removes it from the thread and from the count", async () => {
    const before = await sectionCount("winners-take-most");
    const comment = await post(ada, "winners-take-most", "Soon gone");
    expect(await sectionCount("winners-take-most")).toBe(before + 1);
    const deleted = await remove(ada, comment.id);
    expect(deleted).toMatchObject({ id: comment.id, deleted: true, body: null, html: null });
    expect(await sectionCount("winners-take-most")).toBe(before);
    expect(await threadIds("winners-take-most")).not.toContain(comment.id);
    expect(await getCommentContext(database.db, null, comment.id)).toBeNull();
    // The row stays (soft delete) with its text, for moderation.
    const [row] = await database.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(row).toMatchObject({ body: "Soon gone" });
    expect(row!.deletedAt).not.toBeNull();
  });

  it("deleting a comment with replies leaves a [deleted] placeholder and keeps the replies", async () => {
    const top = await post(ada, "haves-and-have-nots", "Parent");
    const reply = await post(bob, "haves-and-have-nots", "Child", top.id);
    await remove(ada, top.id);
    const [thread] = (await listSectionComments(database.db, null, { sectionId: "haves-and-have-nots" })).comments.filter((node) => node.id === top.id);
    expect(thread).toMatchObject({ deleted: true, body: null, html: null });
    expect(thread!.replies.map((node) => [node.id, node.body])).toEqual([[reply.id, "Child"]]);
    expect(await sectionCount("haves-and-have-nots")).toBe(1);

    // When its last reply goes, the placeholder goes too.
    await remove(bob, reply.id);
    expect(await threadIds("haves-and-have-nots")).toEqual([]);
    expect(await sectionCount("haves-and-have-nots")).toBe(0);
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  it("a chain of deleted placeholders disappears up to the first comment still standing", async () => {
    const a = await post(ada, "geopolitics", "A");
    const b = await post(bob, "geopolitics", "B", a.id);
    const c = await post(ada, "geopolitics", "C", b.id);
    const d = await post(bob, "geopolitics", "D", c.id);
    const sibling = await post(ada, "geopolitics", "B2", a.id);
    await remove(bob, b.id);
    await remove(ada, c.id);
    expect(await threadIds("geopolitics")).toEqual([[a.id, [[b.id, [[c.id, [d.id]]]], sibling.id]]]);
    await remove(bob, d.id); // c and b are left with nothing below them: they go; a keeps b2
    expect(await threadIds("geopolitics")).toEqual([[a.id, [sibling.id]]]);
    await remove(ada, a.id);
    expect(await threadIds("geopolitics")).toEqual([[a.id, [sibling.id]]]);
    await remove(ada, sibling.id);
    expect(await threadIds("geopolitics")).toEqual([]);
    expect(await sectionCount("geopolitics")).toBe(0);
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  it("only the author or an admin deletes; an admin's delete is logged; deleting twice changes nothing", async () => {
    const comment = await post(ada, "open-source", "Delete me if you can");
    expect(await codeOf(remove(bob, comment.id))).toBe("forbidden");
    expect(await codeOf(remove(bob, 99_999_999))).toBe("not_found");
    const count = await sectionCount("open-source");
    expect((await remove(admin, comment.id)).deleted).toBe(true);
    expect((await remove(admin, comment.id)).deleted).toBe(true);
    expect(await sectionCount("open-source")).toBe(count - 1);
    const log = await database.db
      .select()
      .from(moderationLog)
      .where(eq(moderationLog.targetId, String(comment.id)));
    expect(log).toMatchObject([{ actorId: admin.id, action: "comment.delete", targetType: "comment" }]);
    // A deleted comment can be neither edited nor replied to.
    expect(await codeOf(editComment(database.db, ada, { commentId: comment.id, body: "Back" }))).toBe("not_found");
    expect(await codeOf(post(bob, "open-source", "Reply", comment.id))).toBe("not_found");
  });

  it("hidden comments are placeholders for readers, readable by admins, and not counted", async () => {
    const hiddenOne = await post(bob, "treaties", "Something a moderator hid");
    const reply = await post(ada, "treaties", "A reply to it", hiddenOne.id);
    // Moderation (a later feature) hides it and takes it out of the count in one transaction.
    await database.db.transaction(async (tx) => {
      await tx.update(comments).set({ hiddenAt: new Date(), hiddenReason: "moderator" }).where(eq(comments.id, hiddenOne.id));
      await tx.update(sections).set({ commentCount: 1 }).where(eq(sections.id, "treaties"));
    });
    const forReader = (await listSectionComments(database.db, ada, { sectionId: "treaties" })).comments.find((node) => node.id === hiddenOne.id)!;
    expect(forReader).toMatchObject({ hidden: true, deleted: false, body: null, html: null });
    expect(forReader.replies.map((node) => node.id)).toEqual([reply.id]);
    const forAdmin = (await listSectionComments(database.db, admin, { sectionId: "treaties" })).comments.find((node) => node.id === hiddenOne.id)!;
    expect(forAdmin).toMatchObject({ hidden: true, body: "Something a moderator hid" });
    expect((await getCommentContext(database.db, ada, hiddenOne.id))?.comment.body).toBeNull();
    // Its author deleting it does not count it out twice.
    await remove(bob, hiddenOne.id);
    expect(await sectionCount("treaties")).toBe(1);
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  it("concurrent deletes and replies in one thread keep every counter equal to its recount", async () => {
    const top = await post(ada, "government-action", "Busy thread");
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => post(i % 2 ? ada : bob, "government-action", `Reply ${i}`, top.id)));
    const nested = await Promise.all(replies.slice(0, 4).map((reply, i) => post(i % 2 ? bob : ada, "government-action", `Nested ${i}`, reply.id)));
    // Deletes race with replies to the very comments being deleted (a reply either lands first or gets a 404).
    await Promise.all([
      remove(ada, top.id),
      ...replies.map((reply, i) => remove(i % 2 ? ada : bob, reply.id)),
      ...replies.map((reply) => post(admin, "government-action", "Late reply", reply.id).catch(() => null)),
      ...nested.map((reply) => remove(admin, reply.id)),
    ]);
    expect(await counterMismatches(database.db)).toEqual([]);
  });
});
