import { parseFeed } from "@rowanmanning/feed-parser";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { renewFeedToken, setEmailMode } from "@/lib/notifications/settings";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const CRON_SECRET = "cron-secret-for-the-notification-test";

describe.runIf(await requirePostgresForHttpSuite())("notifications over HTTP", () => {
  let smtp: SmtpSink;
  let cluster: AppCluster;
  let url: string;
  let ada: HttpClient;
  let bob: HttpClient;
  let adaId: string;
  let topId: number;
  let replyId: number;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    cluster = await startAppCluster(1, { EMAIL_SERVER: smtp.url, EMAIL_FROM: "Agora <agora@example.org>", CRON_SECRET, NOTIFY_EMAIL_MIN_INTERVAL: "1s" });
    url = cluster.servers[0]!.url;
    ada = new HttpClient(url);
    bob = new HttpClient(url);
    adaId = (await ada.signIn("Ada Http Notified")).id;
    await bob.signIn("Bob Http Notified");
    await cluster.database.db.update(users).set({ email: "ada.http@example.org" }).where(eq(users.id, adaId));
    await setEmailMode(cluster.database.db, adaId, "immediate");
    const top = await ada.request("POST", "/api/sections/finally/comments", { json: { body: "Ada asks over HTTP" } });
    topId = ((await top.json()) as { comment: { id: number } }).comment.id;
    const reply = await bob.request("POST", "/api/sections/finally/comments", { json: { body: "Bob answers <b>bold?</b> **bold**", parentId: topId } });
    expect(reply.status).toBe(201);
    replyId = ((await reply.json()) as { comment: { id: number } }).comment.id;
  }, 180_000);
  afterAll(async () => {
    await cluster?.dispose();
    await smtp?.stop();
  });

  it("the reader sees the unread count in the header and the reply on /notifications; opening it lands on the permalink", async () => {
    const page = await (await ada.get("/notifications")).text();
    expect(page).toContain("Bob Http Notified replied to your comment");
    expect(page).toMatch(/aria-label="Notifications, 1 unread"/);
    const id = /href="\/notifications\/open\/(\d+)"/.exec(page)![1]!;
    const open = await ada.get(`/notifications/open/${id}`);
    expect(open.status).toBe(303);
    expect(open.headers.get("location")).toBe(`/c/${replyId}`);
    expect(await (await ada.get("/notifications")).text()).toMatch(/aria-label="Notifications"/);
    // Another reader cannot open (or learn about) Ada's notification.
    expect((await bob.get(`/notifications/open/${id}`)).headers.get("location")).toBe("/notifications");
  });

  it("the cron route needs CRON_SECRET, then mails the reply with a one-click unsubscribe that needs no session", async () => {
    expect((await new HttpClient(url).get("/api/cron/notifications")).status).toBe(401);
    const wrong = await new HttpClient(url).request("GET", "/api/cron/notifications", { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const run = await new HttpClient(url).request("GET", "/api/cron/notifications", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ emails: 1, notifications: 1 });
    const mail = await smtp.nextMail();
    expect(mail.recipients).toEqual(["ada.http@example.org"]);
    expect(mail.html).toContain("&#x3C;b>bold?&#x3C;/b>");
    const target = /^<([^>]+)>$/.exec(mail.headers.get("list-unsubscribe")!)![1]!;
    expect(new URL(target).origin).toBe(new URL(url).origin);

    const stranger = new HttpClient(url);
    const oneClick = await stranger.request("POST", new URL(target).pathname + new URL(target).search, {
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "" },
    });
    expect(oneClick.status).toBe(200);
    const [row] = await cluster.database.db
      .execute(sql`select email_mode from notification_settings where user_id = ${adaId}`)
      .then((r) => (r as unknown as { rows: { email_mode: string }[] }).rows);
    expect(row!.email_mode).toBe("off");
    const forged = await stranger.request(
      "POST",
      `/api/notifications/unsubscribe?token=${encodeURIComponent(Buffer.from(adaId).toString("base64url"))}.${"A".repeat(43)}`,
      {
        body: "List-Unsubscribe=One-Click",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      },
    );
    expect(forged.status).toBe(404);
  });

  it("serves Atom feeds a real parser reads, with the visible comments newest first, and 304 for a known ETag", async () => {
    const response = await new HttpClient(url).get("/sections/finally/comments.atom");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const feed = parseFeed(await response.text());
    expect(feed.meta.type).toBe("atom");
    expect(feed.items.map((item) => item.url)).toEqual([`${new URL(url).origin}/c/${replyId}`, `${new URL(url).origin}/c/${topId}`]);
    expect(feed.items[0]!.content).toContain("<strong>bold</strong>");
    const again = await new HttpClient(url).request("GET", "/sections/finally/comments.atom", { headers: { "if-none-match": response.headers.get("etag")! } });
    expect(again.status).toBe(304);

    const essay = parseFeed(await (await new HttpClient(url).get("/essays/ai-and-the-coming-inequality/comments.atom")).text());
    expect(essay.items[0]!.url).toBe(`${new URL(url).origin}/c/${replyId}`);
    expect(await (await new HttpClient(url).get("/")).text()).toMatch(
      /<link rel="alternate" type="application\/atom\+xml"[^>]*href="[^"]*\/essays\/ai-and-the-coming-inequality\/comments\.atom"/,
    );

    const token = await renewFeedToken(cluster.database.db, adaId);
    const mine = parseFeed(await (await new HttpClient(url).get(`/feeds/replies/${token}`)).text());
    expect(mine.items.map((item) => item.url)).toEqual([`${new URL(url).origin}/c/${replyId}`]);
    expect((await new HttpClient(url).get(`/feeds/replies/${"x".repeat(43)}`)).status).toBe(404);
    expect((await new HttpClient(url).get("/sections/no-such-section/comments.atom")).status).toBe(404);
  });
});
