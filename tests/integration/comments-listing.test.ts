import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comments, votes } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { flattenThreads } from "@/lib/comments/comment-nodes";
import { getCommentContext, listSectionComments, REPLIES_PER_THREAD, type CommentPage } from "@/lib/comments/queries";
import { encodeCursor } from "@/lib/comments/schemas";
import { setUpvote } from "@/lib/comments/upvotes";
import { createComment } from "@/lib/comments/write";
import type { AppError } from "@/lib/errors";
import { setVote } from "@/lib/votes/cast-vote";
import type { Stance } from "@/lib/votes/stances";
import { seedDiscussion } from "@/support/seed-comments";
import { counterMismatches, createActor } from "../support/discussion";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

describe.each(drivers)("reading discussions on %s", (driver) => {
  let database: TestDatabase;
  let ada: Actor;
  let bob: Actor;
  let cy: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    [ada, bob, cy] = (await Promise.all(["Ada", "Bob", "Cy"].map((name) => createActor(database.db, name)))) as [Actor, Actor, Actor];
    await seedDiscussion(database.db, { sectionId: "finally", comments: 1500, topLevel: 130, readers: 20, upvoteRate: 0.1 });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const list = (query: Record<string, unknown>, actor: Actor | null = null, sectionId = "finally") =>
    listSectionComments(database.db, actor, { sectionId, ...query });
  const issueOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: AppError) => ({ code: error.code, paths: error.issues?.map((issue) => issue.path) }),
    );

  async function allPages(query: Record<string, unknown>): Promise<CommentPage["comments"]> {
    const seen: CommentPage["comments"] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await list({ ...query, cursor });
      seen.push(...page.comments);
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error("pagination never ended");
  }

  it("pages through every top-level comment, 20 at a time by default, in each sort order, without gaps or repeats", async () => {
    const expected = {
      top: await database.db
        .select({ id: comments.id })
        .from(comments)
        .where(and(eq(comments.sectionId, "finally"), isNull(comments.parentId)))
        .orderBy(desc(comments.score), desc(comments.id)),
      new: await database.db
        .select({ id: comments.id })
        .from(comments)
        .where(and(eq(comments.sectionId, "finally"), isNull(comments.parentId)))
        .orderBy(desc(comments.id)),
      old: await database.db
        .select({ id: comments.id })
        .from(comments)
        .where(and(eq(comments.sectionId, "finally"), isNull(comments.parentId)))
        .orderBy(asc(comments.id)),
    };
    const first = await list({});
    expect(first.comments).toHaveLength(20);
    expect(first.comments.map((node) => node.id)).toEqual(expected.top.slice(0, 20).map((row) => row.id));
    for (const sort of ["top", "new", "old"] as const) {
      const ids = (await allPages({ sort, limit: 37 })).map((node) => node.id);
      expect(ids).toEqual(expected[sort].map((row) => row.id));
    }
    const last = await list({ sort: "old", limit: 100, cursor: encodeCursor({ sort: "old", id: expected.old.at(-2)!.id }) });
    expect(last.comments.map((node) => node.id)).toEqual([expected.old.at(-1)!.id]);
    expect(last.nextCursor).toBeNull();
  });

  it("Top sorts by score, then newest first; replies are oldest first", async () => {
    const [low, high, tied] = [await post(ada, "treaties", "low"), await post(ada, "treaties", "high"), await post(ada, "treaties", "tied with high")];
    await setUpvote(database.db, bob, { commentId: high!.id, upvote: true });
    await setUpvote(database.db, cy, { commentId: high!.id, upvote: true });
    await setUpvote(database.db, bob, { commentId: tied!.id, upvote: true });
    await setUpvote(database.db, cy, { commentId: tied!.id, upvote: true });
    const replies = [await post(bob, "treaties", "first reply", low!.id), await post(cy, "treaties", "second reply", low!.id)];
    const top = (await list({}, null, "treaties")).comments;
    expect(top.map((node) => node.body)).toEqual(["tied with high", "high", "low"]);
    expect(top[2]!.replies.map((node) => node.id)).toEqual(replies.map((reply) => reply.id));
    expect((await list({ sort: "new" }, null, "treaties")).comments.map((node) => node.body)).toEqual(["tied with high", "high", "low"]);
    expect((await list({ sort: "old" }, null, "treaties")).comments.map((node) => node.body)).toEqual(["low", "high", "tied with high"]);
  });

  it("loads a capped number of replies per thread and says how many more continue on permalinks", async () => {
    const page = await list({ limit: 100 });
    for (const thread of page.comments) {
      const loaded = flattenThreads([thread]).length - 1;
      expect(loaded).toBeLessThanOrEqual(REPLIES_PER_THREAD);
      for (const node of flattenThreads([thread])) {
        expect(node.moreReplies).toBe(node.replyCount - node.replies.length);
        expect(node.depth).toBeLessThan(6);
      }
    }
    // A thread past the cap: the first REPLIES_PER_THREAD replies show, the rest continue on the permalink.
    const top = await post(ada, "government-action", "A popular comment");
    const replies = [];
    for (let i = 0; i < REPLIES_PER_THREAD + 5; i++) replies.push(await post(i % 2 ? bob : cy, "government-action", `Reply ${i}`, top.id));
    const [thread] = (await list({}, null, "government-action")).comments;
    expect(thread!.replies.map((node) => node.id)).toEqual(replies.slice(0, REPLIES_PER_THREAD).map((reply) => reply.id));
    expect(thread!.moreReplies).toBe(5);
    const context = await getCommentContext(database.db, null, top.id);
    expect(context!.comment.replies.map((node) => node.id)).toEqual(replies.map((reply) => reply.id));
  });

  it("refuses a bad sort, limit or cursor with invalid_input naming the parameter", async () => {
    expect(await issueOf(list({ sort: "best" }))).toEqual({ code: "invalid_input", paths: ["sort"] });
    for (const limit of ["0", "101", "abc", "1.5", ""]) expect(await issueOf(list({ limit }))).toEqual({ code: "invalid_input", paths: ["limit"] });
    for (const cursor of [
      "garbage!",
      "bm90IGpzb24",
      Buffer.from('{"sort":"top","score":"1; drop table comments","id":1}').toString("base64url"),
      "x".repeat(300),
    ]) {
      expect(await issueOf(list({ cursor }))).toEqual({ code: "invalid_input", paths: ["cursor"] });
    }
    expect(await issueOf(list({ sort: "new", cursor: encodeCursor({ sort: "old", id: 5 }) }))).toEqual({ code: "invalid_input", paths: ["cursor"] });
    expect(await issueOf(list({ stance: "maybe" }))).toEqual({ code: "invalid_input", paths: ["stance"] });
    expect((await list({ limit: "1" })).comments).toHaveLength(1);
    expect((await list({ limit: "100" })).comments).toHaveLength(100);
  });

  it("shows each author's current stance on the section's proposal, and filters by it", async () => {
    // The "open-source" section carries the "open-source" proposal.
    const voters = await Promise.all([-2, -1, 0, 1, 2].map((stance) => createActor(database.db, `Voter ${stance}`)));
    const byStance = new Map<number, number>();
    for (const [i, voter] of voters.entries()) {
      await setVote(database.db, voter, "open-source", (i - 2) as Stance);
      byStance.set(i - 2, (await post(voter, "open-source", `I vote ${i - 2}`))!.id);
    }
    const silent = await post(ada, "open-source", "I have not voted");
    const all = (await list({}, null, "open-source")).comments;
    expect(new Map(all.map((node) => [node.id, node.authorStance]))).toEqual(
      new Map([...[...byStance].map(([stance, id]) => [id, stance] as const), [silent!.id, null]]),
    );

    const ids = async (stance: string) => (await list({ stance }, null, "open-source")).comments.map((node) => node.id).sort();
    expect(await ids("support")).toEqual([byStance.get(1), byStance.get(2)].sort());
    expect(await ids("oppose")).toEqual([byStance.get(-2), byStance.get(-1)].sort());
    expect(await ids("unsure")).toEqual([byStance.get(0)]);

    // A changed vote shows at once; a section without a proposal has no stances at all.
    await database.db
      .update(votes)
      .set({ stance: -2 })
      .where(and(eq(votes.userId, voters[4]!.id), eq(votes.proposalId, "open-source")));
    expect((await list({}, null, "open-source")).comments.find((node) => node.id === byStance.get(2))?.authorStance).toBe(-2);
    await post(voters[4]!, "introduction", "No proposal here");
    expect((await list({}, null, "introduction")).comments.every((node) => node.authorStance === null)).toBe(true);
    expect((await list({ stance: "support" }, null, "introduction")).comments).toEqual([]);
  });

  it("the seeded counters equal their recounts", async () => {
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  async function post(actor: Actor, sectionId: string, body: string, parentId?: number) {
    return createComment(database.db, actor, { sectionId, body, parentId });
  }
});
