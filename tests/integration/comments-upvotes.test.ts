import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comments, commentUpvotes } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { listSectionComments } from "@/lib/comments/queries";
import { setUpvote } from "@/lib/comments/upvotes";
import { createComment, deleteComment } from "@/lib/comments/write";
import type { AppError } from "@/lib/errors";
import { counterMismatches, createActor } from "../support/discussion";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

describe.each(drivers)("upvotes on %s", (driver) => {
  let database: TestDatabase;
  let ada: Actor;
  let readers: Actor[];

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    ada = await createActor(database.db, "Ada");
    readers = await Promise.all(Array.from({ length: 6 }, (_, i) => createActor(database.db, `Reader ${i}`)));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const upvote = (actor: Actor, commentId: number, on = true) => setUpvote(database.db, actor, { commentId, upvote: on });
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "ok",
      (error: AppError) => error.code,
    );
  const scoreOf = async (id: number) => (await database.db.select({ score: comments.score }).from(comments).where(eq(comments.id, id)))[0]!.score;

  it("one upvote per reader: upvoting twice counts once, withdrawing twice once; myUpvote follows", async () => {
    const comment = await createComment(database.db, ada, { sectionId: "introduction", body: "Upvote me" });
    const [bea] = readers;
    expect(await upvote(bea!, comment.id)).toEqual({ score: 1, myUpvote: true });
    expect(await upvote(bea!, comment.id)).toEqual({ score: 1, myUpvote: true });
    const seen = (await listSectionComments(database.db, bea!, { sectionId: "introduction" })).comments.find((node) => node.id === comment.id);
    expect(seen).toMatchObject({ score: 1, myUpvote: true });
    const seenByAnother = (await listSectionComments(database.db, readers[1]!, { sectionId: "introduction" })).comments.find((node) => node.id === comment.id);
    expect(seenByAnother).toMatchObject({ score: 1, myUpvote: false });
    expect(await upvote(bea!, comment.id, false)).toEqual({ score: 0, myUpvote: false });
    expect(await upvote(bea!, comment.id, false)).toEqual({ score: 0, myUpvote: false });
  });

  it("refuses an upvote on your own comment (403) and on a missing or deleted one (404)", async () => {
    const comment = await createComment(database.db, ada, { sectionId: "introduction", body: "Mine" });
    expect(await codeOf(upvote(ada, comment.id))).toBe("forbidden");
    expect(await codeOf(upvote(ada, comment.id, false))).toBe("forbidden");
    expect(await codeOf(upvote(readers[0]!, 99_999_999))).toBe("not_found");
    await deleteComment(database.db, ada, { commentId: comment.id });
    expect(await codeOf(upvote(readers[0]!, comment.id))).toBe("not_found");
    expect(await scoreOf(comment.id)).toBe(0);
  });

  it("concurrent toggles by many readers leave score equal to the number of upvotes", async () => {
    const targets = await Promise.all([1, 2, 3].map((i) => createComment(database.db, ada, { sectionId: "winners-take-most", body: `Target ${i}` })));
    const toggles = [];
    for (let round = 0; round < 4; round++) {
      for (const [r, reader] of readers.entries()) {
        for (const target of targets) toggles.push(upvote(reader, target.id, (round + r) % 3 !== 0));
      }
    }
    await Promise.all(toggles);
    for (const target of targets) {
      expect(await scoreOf(target.id)).toBe(await database.db.$count(commentUpvotes, eq(commentUpvotes.commentId, target.id)));
    }
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  it("concurrent upvotes and deletes keep score = count and the section count = visible comments", async () => {
    const batch = await Promise.all(Array.from({ length: 6 }, (_, i) => createComment(database.db, ada, { sectionId: "geopolitics", body: `Batch ${i}` })));
    await Promise.all([
      ...batch.flatMap((comment) => readers.map((reader) => upvote(reader, comment.id).catch((error: AppError) => error.code))),
      ...batch.filter((_, i) => i % 2 === 0).map((comment) => deleteComment(database.db, ada, { commentId: comment.id })),
    ]);
    expect(await counterMismatches(database.db)).toEqual([]);
  });
});
