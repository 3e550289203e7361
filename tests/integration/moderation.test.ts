import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comments, moderationLog, rateLimitWindows, reports, sections, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/users";
import { getComment } from "@/lib/comments/queries";
import { setUpvote } from "@/lib/comments/upvotes";
import { createComment } from "@/lib/comments/write";
import type { AppError } from "@/lib/errors";
import { listModerationLog } from "@/lib/moderation/log";
import { banUser, dismissReports, hideComment, restoreComment, setSectionLocked, unbanUser } from "@/lib/moderation/moderate";
import { listModerationQueue } from "@/lib/moderation/queue";
import { reportComment } from "@/lib/moderation/reports";
import { DEFAULT_LIMITS, hitRateLimit } from "@/lib/rate-limit";
import { setVote } from "@/lib/votes/cast-vote";
import { counterMismatches, createActor } from "../support/discussion";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

/** Limits count in fixed UTC minute windows: start a burst early in one, so it cannot straddle two. */
async function startOfAFreshMinute(needSeconds = 25): Promise<void> {
  const left = 60 - new Date().getUTCSeconds();
  if (left < needSeconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
}
const limits = DEFAULT_LIMITS;

describe.each(drivers)("moderation on %s", (driver) => {
  let database: TestDatabase;
  let author: Actor;
  let admin: Actor;
  let readers: Actor[];

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    author = await createActor(database.db, "Writer Wes");
    admin = await createActor(database.db, "Mod Mia", "admin");
    readers = await Promise.all(Array.from({ length: 4 }, (_, i) => createActor(database.db, `Reporter ${i}`)));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "ok",
      (error: AppError) => error.code,
    );
  const post = (body: string, sectionId = "introduction") =>
    createComment(database.db, author, { sectionId, body }, { limits: { ...limits, commentsPerMinute: 1000 } });
  const report = (actor: Actor, commentId: number, reason = "spam") => reportComment(database.db, actor, { commentId, reason }, { limits });
  const sectionCount = async (id = "introduction") => (await database.db.select({ n: sections.commentCount }).from(sections).where(eq(sections.id, id)))[0]!.n;
  const row = async (id: number) => (await database.db.select().from(comments).where(eq(comments.id, id)))[0]!;

  it("reporting: one report per reader (again is idempotent), not your own, the reason and note validated", async () => {
    const comment = await post("Report me");
    expect(await report(readers[0]!, comment.id)).toEqual({ commentId: comment.id, created: true, hidden: false });
    expect(await report(readers[0]!, comment.id, "harassment")).toEqual({ commentId: comment.id, created: false, hidden: false });
    expect((await row(comment.id)).reportCount).toBe(1);
    expect(await codeOf(report(author, comment.id))).toBe("forbidden");
    expect(await codeOf(report(readers[1]!, comment.id, "boring"))).toBe("invalid_input");
    expect(await codeOf(reportComment(database.db, readers[1]!, { commentId: comment.id, reason: "other", note: "x".repeat(501) }, { limits }))).toBe(
      "invalid_input",
    );
    expect(await codeOf(report(readers[1]!, 99_999_999))).toBe("not_found");
    await reportComment(database.db, readers[1]!, { commentId: comment.id, reason: "other", note: "  a note  " }, { limits });
    const [stored] = await database.db
      .select()
      .from(reports)
      .where(sql`${reports.commentId} = ${comment.id} and ${reports.reporterId} = ${readers[1]!.id}`);
    expect(stored).toMatchObject({ reason: "other", note: "a note", resolvedAt: null });
  });

  it("the third distinct report hides the comment pending review; the section counts visible comments; admin restores", async () => {
    const parent = await post("Reported parent");
    const reply = await createComment(database.db, readers[3]!, { sectionId: "introduction", body: "A reply", parentId: parent.id }, { limits });
    const before = await sectionCount();
    await report(readers[0]!, parent.id);
    await report(readers[1]!, parent.id);
    expect((await row(parent.id)).hiddenAt).toBeNull();
    expect(await report(readers[2]!, parent.id)).toMatchObject({ created: true, hidden: true });
    expect(await row(parent.id)).toMatchObject({ hiddenReason: "reports", reportCount: 3 });
    expect(await sectionCount()).toBe(before - 1);
    expect(await counterMismatches(database.db)).toEqual([]);
    // Readers see a placeholder; its reply stays visible. The queue lists it, most reported first.
    expect(await getComment(database.db, readers[0]!, parent.id, null)).toMatchObject({ id: parent.id, hidden: true });
    expect(await row(reply.id)).toMatchObject({ hiddenAt: null, deletedAt: null });
    const queue = await listModerationQueue(database.db);
    expect(queue[0]).toMatchObject({ commentId: parent.id, hiddenReason: "reports", reportCount: 3, reasons: { spam: 3 } });

    expect(await codeOf(restoreComment(database.db, readers[0]!, { commentId: parent.id }))).toBe("forbidden");
    expect(await restoreComment(database.db, admin, { commentId: parent.id, reason: "fair criticism" })).toEqual({
      commentId: parent.id,
      hidden: false,
      hiddenReason: null,
      reportCount: 0,
    });
    expect(await sectionCount()).toBe(before);
    expect(await counterMismatches(database.db)).toEqual([]);
    expect((await listModerationQueue(database.db)).some((item) => item.commentId === parent.id)).toBe(false);
    // The reports are resolved: a fourth reader's report counts from zero, not from three.
    expect(await report(readers[3]!, parent.id)).toMatchObject({ created: true, hidden: false });
  });

  it("hide (a moderator) keeps replies and survives a dismiss; dismiss un-hides a reports-hidden comment", async () => {
    const hidden = await post("Hide me");
    await report(readers[0]!, hidden.id);
    await hideComment(database.db, admin, { commentId: hidden.id, reason: "insults" });
    expect(await row(hidden.id)).toMatchObject({ hiddenReason: "moderator", reportCount: 0 });
    expect(await dismissReports(database.db, admin, { commentId: hidden.id })).toMatchObject({ hidden: true, hiddenReason: "moderator" });

    const autoHidden = await post("Auto hide then dismiss");
    for (const reader of readers.slice(0, 3)) await report(reader, autoHidden.id);
    expect((await row(autoHidden.id)).hiddenReason).toBe("reports");
    expect(await dismissReports(database.db, admin, { commentId: autoHidden.id })).toEqual({
      commentId: autoHidden.id,
      hidden: false,
      hiddenReason: null,
      reportCount: 0,
    });
    const open = await database.db
      .select()
      .from(reports)
      .where(sql`${reports.commentId} = ${autoHidden.id} and ${reports.resolvedAt} is null`);
    expect(open).toEqual([]);
    expect(await counterMismatches(database.db)).toEqual([]);
  });

  it("lock refuses new comments until unlocked; ban refuses writes through the actor; both are logged", async () => {
    await setSectionLocked(database.db, admin, { sectionId: "introduction", locked: true, reason: "cooling off" });
    expect(await codeOf(post("While locked"))).toBe("forbidden");
    await setSectionLocked(database.db, admin, { sectionId: "introduction", locked: false });
    await post("After unlock");

    expect(await codeOf(banUser(database.db, admin, { userId: readers[3]!.id, reason: "" }))).toBe("invalid_input");
    expect(await codeOf(banUser(database.db, admin, { userId: admin.id, reason: "oops" }))).toBe("forbidden");
    expect(await codeOf(banUser(database.db, readers[0]!, { userId: readers[3]!.id, reason: "no" }))).toBe("forbidden");
    await banUser(database.db, admin, { userId: readers[3]!.id, reason: "spamming links" });
    expect((await database.db.select().from(users).where(eq(users.id, readers[3]!.id)))[0]).toMatchObject({ banReason: "spamming links" });
    await unbanUser(database.db, admin, { userId: readers[3]!.id });
    expect((await database.db.select().from(users).where(eq(users.id, readers[3]!.id)))[0]).toMatchObject({ bannedAt: null, banReason: null });

    const log = await listModerationLog(database.db);
    expect(log.slice(0, 4).map((entry) => [entry.action, entry.targetId, entry.reason])).toEqual([
      ["user.unban", readers[3]!.id, null],
      ["user.ban", readers[3]!.id, "spamming links"],
      ["section.unlock", "introduction", null],
      ["section.lock", "introduction", "cooling off"],
    ]);
    expect(log.map((entry) => entry.action)).toEqual(expect.arrayContaining(["comment.report-hide", "comment.hide", "comment.restore", "comment.dismiss"]));
    expect(log[0]).toMatchObject({ actorId: admin.id, actorName: "Mod Mia" });
  });

  it("the moderation log refuses UPDATE and DELETE", async () => {
    const [entry] = await listModerationLog(database.db, { limit: 1 });
    await expect(database.db.update(moderationLog).set({ reason: "rewritten" }).where(eq(moderationLog.id, entry!.id))).rejects.toThrow();
    await expect(database.db.delete(moderationLog).where(eq(moderationLog.id, entry!.id))).rejects.toThrow();
    expect((await listModerationLog(database.db, { limit: 1 }))[0]).toEqual(entry);
  });

  it(
    "default rate limits: the 6th comment in a minute, the 31st vote change, the 61st upvote and the 21st report are refused with retryAfter",
    { timeout: 120_000 },
    async () => {
      const writer = await createActor(database.db, "Fast Fay");
      await startOfAFreshMinute();
      for (let i = 0; i < 5; i++) await createComment(database.db, writer, { sectionId: "introduction", body: `Quick ${i}` }, { limits });
      const refused = await createComment(database.db, writer, { sectionId: "introduction", body: "One too many" }, { limits }).catch(
        (error: AppError) => error,
      );
      expect(refused).toMatchObject({ code: "rate_limited" });
      expect((refused as AppError).retryAfter).toBeGreaterThanOrEqual(1);
      expect((refused as AppError).retryAfter).toBeLessThanOrEqual(60);

      const [proposal] = await database.db
        .execute(sql`select id from proposals where retired_at is null limit 1`)
        .then((result) => (result as unknown as { rows: { id: string }[] }).rows);
      await startOfAFreshMinute();
      for (let i = 0; i < 30; i++) await setVote(database.db, writer, proposal!.id, i % 2 === 0 ? 1 : -1, { limits });
      expect(await codeOf(setVote(database.db, writer, proposal!.id, 2, { limits }))).toBe("rate_limited");

      const target = await post("Upvote target");
      await startOfAFreshMinute();
      for (let i = 0; i < 60; i++) await setUpvote(database.db, writer, { commentId: target.id, upvote: i % 2 === 0 }, { limits });
      expect(await codeOf(setUpvote(database.db, writer, { commentId: target.id, upvote: true }, { limits }))).toBe("rate_limited");

      for (let i = 0; i < 20; i++) await report(writer, target.id);
      expect(await codeOf(report(writer, target.id))).toBe("rate_limited");
    },
  );

  it("counts in fixed windows, one row per key and window, per user; the day limit holds too", async () => {
    const [a, b] = [await createActor(database.db, "Window A"), await createActor(database.db, "Window B")];
    const tight = { ...limits, commentsPerMinute: 1000, commentsPerDay: 2 };
    await createComment(database.db, a, { sectionId: "introduction", body: "1" }, { limits: tight });
    await createComment(database.db, a, { sectionId: "introduction", body: "2" }, { limits: tight });
    expect(await codeOf(createComment(database.db, a, { sectionId: "introduction", body: "3" }, { limits: tight }))).toBe("rate_limited");
    await createComment(database.db, b, { sectionId: "introduction", body: "B's own" }, { limits: tight });
    const rows = await database.db
      .select()
      .from(rateLimitWindows)
      .where(eq(rateLimitWindows.key, `comments:day:${a.id}`));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(3);
    // Concurrent hits on one key count exactly once each.
    await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(database.db, "test:concurrent", 1000, 60, "tests")));
    const [concurrent] = await database.db.select().from(rateLimitWindows).where(eq(rateLimitWindows.key, "test:concurrent"));
    expect(concurrent!.count).toBe(10);
  });
});
