import { eq, sql } from "drizzle-orm";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "@/db/raw-sql";
import { notifications, notificationSettings, users } from "@/db/schema";
import { authConfigFromEnv } from "@/lib/auth/config";
import { loadActor, type Actor } from "@/lib/auth/users";
import { createComment, deleteComment } from "@/lib/comments/write";
import { parseEnv } from "@/lib/env";
import { essayFeedEntries, repliesFeedEntries, sectionFeedEntries } from "@/lib/feeds/comment-feeds";
import { banUser, hideComment } from "@/lib/moderation/moderate";
import { reportComment } from "@/lib/moderation/reports";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/inbox";
import { MAX_EMAIL_ATTEMPTS, sendNotificationEmails, type SenderOptions } from "@/lib/notifications/sender";
import { readerOfFeedToken, renewFeedToken, revokeFeedToken, setEmailMode } from "@/lib/notifications/settings";
import { unsubscribeByToken } from "@/lib/notifications/unsubscribe";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/notifications/unsubscribe-token";
import { freePort } from "@/support/app-server";
import { createActor } from "../support/discussion";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const drivers = await availableDrivers();
const SECRET = "notification-test-secret-0123456789";
const config = authConfigFromEnv(parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET }));

describe.each(drivers)("notifications on %s", (driver) => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let ada: Actor;
  let bob: Actor;
  let cy: Actor;
  let admin: Actor;
  let sender: SenderOptions;
  let n = 0;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    smtp = await startSmtpSink();
    ada = await createActor(database.db, "Ada Notified");
    bob = await createActor(database.db, "Bob Notified");
    cy = await createActor(database.db, "Cy Notified");
    admin = await createActor(database.db, "Admin Notified", "admin");
    await database.db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    for (const [actor, email] of [
      [ada, "ada@example.org"],
      [bob, "bob@example.org"],
      [cy, "cy@example.org"],
      [admin, "admin@example.org"],
    ] as const) {
      await database.db.update(users).set({ email }).where(eq(users.id, actor.id));
    }
    sender = {
      transport: createTransport(smtp.url),
      from: "Agora <agora@example.org>",
      siteUrl: "https://agora.example",
      secret: SECRET,
      minIntervalSeconds: 15 * 60,
    };
  });
  afterAll(async () => {
    await smtp?.stop();
    await database?.dispose();
  });
  beforeEach(async () => {
    // Each test starts with an empty inbox and outbox, every reader's interval passed.
    await database.db.execute(sql`delete from notifications`);
    await database.db.execute(sql`delete from notification_settings`);
    smtp.mails.splice(0);
  });

  const post = (actor: Actor, body: string, parentId?: number, sectionId = "open-source") =>
    createComment(database.db, actor, { sectionId, body: `${body} (${++n})`, parentId }, { limits: { ...generous } });
  const generous = {
    autoHideReports: 2,
    commentsPerMinute: 1000,
    commentsPerDay: 1000,
    editsPerMinute: 1000,
    editsPerDay: 1000,
    votesPerMinute: 1000,
    upvotesPerMinute: 1000,
    reportsPerHour: 1000,
    signInsPerMinute: 1000,
    emailLinksPerHour: 1000,
  };
  const rowsFor = (recipient: Actor) =>
    queryRows<{ kind: string; commentId: string; emailState: string | null }>(
      database.db,
      sql`select kind, comment_id::text as "commentId", email_state as "emailState" from notifications where recipient_id = ${recipient.id} order by id`,
    );
  const unread = async (actor: Actor) => (await loadActor(database.db, actor.id, config))!.unreadNotifications;

  it("a reply notifies the parent's author and the thread's starter, once each, never the replier", async () => {
    const top = await post(ada, "Ada starts a thread");
    const reply = await post(bob, "Bob replies to Ada", top.id);
    const nested = await post(cy, "Cy replies to Bob", reply.id);
    await post(ada, "Ada answers her own thread's reply", nested.id);
    await post(bob, "Bob replies to himself", reply.id);

    const ownReply = await post(bob, "Bob replies to himself again", reply.id);
    // Ada started the thread: every reply in it but her own; "reply" where it answers her directly.
    expect(await rowsFor(ada)).toEqual([
      { kind: "reply", commentId: String(reply.id), emailState: null },
      { kind: "thread-reply", commentId: String(nested.id), emailState: null },
      { kind: "thread-reply", commentId: String(ownReply.id - 1), emailState: null },
      { kind: "thread-reply", commentId: String(ownReply.id), emailState: null },
    ]);
    expect(await rowsFor(bob)).toEqual([{ kind: "reply", commentId: String(nested.id), emailState: null }]); // Cy's reply; none for his own
    expect((await rowsFor(cy)).map((row) => row.kind)).toEqual(["reply"]); // Ada's answer to Cy
  });

  it("lists what is shown, newest first, counts it in the header, and marks one or all read", async () => {
    const top = await post(ada, "Ada's question");
    const first = await post(bob, "first answer", top.id);
    const second = await post(cy, "second answer with **markdown** and <b>html</b>", top.id);
    expect(await unread(ada)).toBe(2);
    const page = await listNotifications(database.db, ada.id);
    expect(page.entries.map((entry) => entry.commentId)).toEqual([second.id, first.id]);
    expect(page.entries[0]).toMatchObject({ kind: "reply", read: false, authorName: "Cy Notified", sectionId: "open-source" });
    expect(page.entries[0]!.excerpt).toContain("<b>html</b>"); // plain text: React escapes it where shown

    await markNotificationRead(database.db, ada.id, page.entries[1]!.id);
    expect(await unread(ada)).toBe(1);
    await expect(markNotificationRead(database.db, bob.id, page.entries[0]!.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await markAllNotificationsRead(database.db, ada.id)).toBe(1);
    expect(await unread(ada)).toBe(0);
  });

  it("a reply that is hidden, deleted or by a banned reader leaves the list and the count", async () => {
    const top = await post(ada, "Ada again");
    const hidden = await post(bob, "to be hidden", top.id);
    const deleted = await post(cy, "to be deleted", top.id);
    expect(await unread(ada)).toBe(2);
    await hideComment(database.db, admin, { commentId: hidden.id, reason: "test" });
    await deleteComment(database.db, cy, { commentId: deleted.id });
    expect(await unread(ada)).toBe(0);
    expect((await listNotifications(database.db, ada.id)).entries).toEqual([]);

    const spammer = await createActor(database.db, `Spammer ${n}`);
    await post(spammer, "spam reply", top.id);
    expect(await unread(ada)).toBe(1);
    await banUser(database.db, admin, { userId: spammer.id, reason: "spam" });
    expect(await unread(ada)).toBe(0);
  });

  it("a comment hidden by reports notifies the admins, by role and by ADMIN_EMAILS", async () => {
    const address = `listed${n}@example.org`;
    const listed = await createActor(database.db, `Listed admin ${n}`);
    await database.db.update(users).set({ email: address }).where(eq(users.id, listed.id));
    const target = await post(ada, "reported comment");
    const options = { limits: { ...generous, autoHideReports: 2 }, adminEmails: new Set([address]) };
    await reportComment(database.db, bob, { commentId: target.id, reason: "spam" }, options);
    expect(await rowsFor(admin)).toEqual([]);
    await reportComment(database.db, cy, { commentId: target.id, reason: "spam" }, options);
    expect(await rowsFor(admin)).toEqual([{ kind: "reports", commentId: String(target.id), emailState: null }]);
    expect((await rowsFor(listed)).map((row) => row.kind)).toEqual(["reports"]);
    expect(await unread(admin)).toBe(1); // an admin's notice is about a hidden comment by design
  });

  it("emails nothing to readers who did not turn email on", async () => {
    const top = await post(ada, "quiet thread");
    await post(bob, "reply", top.id);
    expect(await sendNotificationEmails(database.db, sender)).toEqual({ emails: 0, notifications: 0, skipped: 0, failed: 0 });
    expect(smtp.mails).toEqual([]);
  });

  it("batches what is pending into one email with unsubscribe headers, escaped, then waits the interval", async () => {
    await setEmailMode(database.db, ada.id, "immediate");
    const top = await post(ada, "Ada's thread");
    await post(bob, "Plain **bold** reply", top.id);
    await post(cy, "<script>alert('x')</script> and **bold** [link](javascript:alert(1))", top.id);
    const hiddenLater = await post(bob, "hidden before delivery", top.id);
    await hideComment(database.db, admin, { commentId: hiddenLater.id, reason: "test" });
    await post(ada, "Ada's own reply in her thread", top.id);

    const run = await sendNotificationEmails(database.db, sender);
    expect(run).toEqual({ emails: 1, notifications: 2, skipped: 1, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.recipients).toEqual(["ada@example.org"]);
    expect(mail.subject).toBe("2 new replies on agora.example");
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const unsubscribe = /^<(https:\/\/agora\.example\/api\/notifications\/unsubscribe\?token=[^>]+)>$/.exec(mail.headers.get("list-unsubscribe") ?? "");
    expect(unsubscribe).not.toBeNull();
    expect(mail.messageId).toMatch(/^<notify\.[0-9a-f]{32}@agora\.example>$/);
    expect(mail.html).not.toContain("<script");
    expect(mail.html).not.toMatch(/href="javascript:/i);
    expect(mail.html).toContain("<strong>bold</strong>");
    expect(mail.text).toContain("<script>alert('x')</script>"); // the plain-text part carries the source as written
    expect(mail.text).not.toContain("hidden before delivery");
    expect(mail.text).toContain("https://agora.example/c/");

    // Within the interval another reply waits; once it has passed, it goes.
    await post(bob, "a later reply", top.id);
    expect((await sendNotificationEmails(database.db, sender)).emails).toBe(0);
    await database.db.execute(sql`update notification_settings set last_emailed_at = now() - interval '16 minutes' where user_id = ${ada.id}`);
    expect((await sendNotificationEmails(database.db, sender)).emails).toBe(1);
    expect(smtp.mails[1]!.subject).toBe("Bob Notified replied to your comment on “Open Source”");

    // The link's token turns email off without a session, and what was pending is not sent.
    const token = new URL(unsubscribe![1]!).searchParams.get("token")!;
    expect(readUnsubscribeToken(SECRET, token)).toBe(ada.id);
    expect(readUnsubscribeToken("another-secret-0123456789abcdef", token)).toBeNull();
    await post(bob, "after unsubscribing", top.id);
    await unsubscribeByToken(database.db, SECRET, token);
    await database.db.execute(sql`update notification_settings set last_emailed_at = null where user_id = ${ada.id}`);
    expect((await sendNotificationEmails(database.db, sender)).emails).toBe(0);
    expect(smtp.mails).toHaveLength(2);
    await expect(unsubscribeByToken(database.db, SECRET, unsubscribeToken("wrong-secret-0123456789abcdef", ada.id))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("a daily digest waits a day between emails", async () => {
    await setEmailMode(database.db, bob.id, "daily");
    const top = await post(bob, "Bob's digest thread");
    await post(ada, "reply one", top.id);
    expect((await sendNotificationEmails(database.db, sender)).emails).toBe(1);
    await post(cy, "reply two", top.id);
    await database.db.execute(sql`update notification_settings set last_emailed_at = now() - interval '23 hours' where user_id = ${bob.id}`);
    expect((await sendNotificationEmails(database.db, sender)).emails).toBe(0);
    await database.db.execute(sql`update notification_settings set last_emailed_at = now() - interval '25 hours' where user_id = ${bob.id}`);
    expect((await sendNotificationEmails(database.db, sender)).emails).toBe(1);
  });

  it("retries a failed send with backoff, then gives up after the stated number of tries", async () => {
    await setEmailMode(database.db, cy.id, "immediate");
    const top = await post(cy, "Cy's thread");
    await post(ada, "reply", top.id);
    // A real connection refused: nothing listens on this port.
    const broken = { ...sender, transport: createTransport(`smtp://127.0.0.1:${await freePort()}`) };
    for (let attempt = 1; attempt < MAX_EMAIL_ATTEMPTS; attempt++) {
      expect(await sendNotificationEmails(database.db, broken)).toMatchObject({ emails: 0, failed: 0 });
      const [state] = await database.db.select().from(notificationSettings).where(eq(notificationSettings.userId, cy.id));
      expect(state!.attempts).toBe(attempt);
      expect(new Date(state!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + (2 ** (attempt - 1) * 60 - 5) * 1000);
      expect(await sendNotificationEmails(database.db, broken)).toMatchObject({ emails: 0 }); // not due yet: nothing tried
      await database.db.execute(sql`update notification_settings set next_attempt_at = now() - interval '1 second' where user_id = ${cy.id}`);
    }
    expect(await sendNotificationEmails(database.db, broken)).toMatchObject({ failed: 1 });
    expect((await rowsFor(cy)).map((row) => row.emailState)).toEqual(["failed"]);
    expect(await sendNotificationEmails(database.db, sender)).toMatchObject({ emails: 0 }); // given up: never sent later
  });

  it("feeds carry exactly the visible comments, newest first; the private feed follows its token", async () => {
    const top = await post(ada, "feed thread", undefined, "finally");
    const reply = await post(bob, "feed reply", top.id, "finally");
    const gone = await post(cy, "feed reply hidden", top.id, "finally");
    await hideComment(database.db, admin, { commentId: gone.id, reason: "test" });
    const section = await sectionFeedEntries(database.db, "finally", "https://agora.example");
    expect(section.slice(0, 2).map((entry) => entry.link)).toEqual([`https://agora.example/c/${reply.id}`, `https://agora.example/c/${top.id}`]);
    expect(section.some((entry) => entry.link.endsWith(`/c/${gone.id}`))).toBe(false);
    const essay = await essayFeedEntries(database.db, "ai-and-the-coming-inequality", "https://agora.example");
    expect(essay[0]!.link).toBe(`https://agora.example/c/${reply.id}`);
    expect(essay.length).toBeLessThanOrEqual(50);

    const token = await renewFeedToken(database.db, ada.id);
    expect(await readerOfFeedToken(database.db, token)).toBe(ada.id);
    expect((await repliesFeedEntries(database.db, ada.id, "https://agora.example")).map((entry) => entry.link)).toEqual([
      `https://agora.example/c/${reply.id}`,
    ]);
    const renewed = await renewFeedToken(database.db, ada.id);
    expect(await readerOfFeedToken(database.db, token)).toBeNull();
    await revokeFeedToken(database.db, ada.id);
    expect(await readerOfFeedToken(database.db, renewed)).toBeNull();
  });

  it("the notification rows reference real readers and comments (foreign keys hold)", async () => {
    const top = await post(ada, "fk thread");
    await post(bob, "fk reply", top.id);
    const orphans = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from notifications n left join comments c on c.id = n.comment_id left join users u on u.id = n.recipient_id
          where c.id is null or u.id is null`,
    );
    expect(orphans[0]!.count).toBe(0);
    await expect(database.db.insert(notifications).values({ recipientId: ada.id, commentId: 999_999_999, kind: "reply" })).rejects.toThrow();
  });
});
