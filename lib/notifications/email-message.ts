import { createHash } from "node:crypto";
import type { NOTIFICATION_KINDS } from "@/db/schema";
import { commentHtml } from "@/lib/comments/comment-html";
import { escapeHtml } from "@/lib/escape-html";

export interface EmailedNotification {
  id: number;
  kind: (typeof NOTIFICATION_KINDS)[number];
  commentId: number;
  body: string;
  authorName: string;
  sectionTitle: string;
}

export interface NotificationEmail {
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

const BODY_CHARACTERS_IN_TEXT = 600;

/**
 * One email for a batch of notifications. The Message-ID is a function of the reader and the
 * notifications in it, so a batch sent again after a sender crashed between sending and recording it
 * carries the same id, and mail clients drop the duplicate; two different emails never share one (a
 * claim over more than NOTIFICATIONS_PER_EMAIL is sent as several emails).
 * Reader-written text goes into the HTML part only through the comment renderer (sanitised like on
 * the site) or escaped; the plain-text part carries the Markdown source as it was written.
 */
export function notificationEmail(input: {
  recipientId: string;
  notifications: EmailedNotification[];
  siteUrl: string;
  unsubscribeToken: string;
}): NotificationEmail {
  const { notifications, siteUrl } = input;
  const site = new URL(siteUrl);
  const permalink = (id: number) => new URL(`/c/${id}`, site).toString();
  const unsubscribeApi = new URL(`/api/notifications/unsubscribe?token=${encodeURIComponent(input.unsubscribeToken)}`, site).toString();
  const unsubscribePage = new URL(`/unsubscribe?token=${encodeURIComponent(input.unsubscribeToken)}`, site).toString();
  const settings = new URL("/settings", site).toString();
  const subject = notifications.length === 1 ? headline(notifications[0]!) : `${notifications.length} new replies on ${site.host}`;

  const text = [
    ...notifications.map((n) => {
      const body = n.body.length > BODY_CHARACTERS_IN_TEXT ? `${n.body.slice(0, BODY_CHARACTERS_IN_TEXT)}…` : n.body;
      return `${headline(n)}:\n\n${body}\n\nRead and reply: ${permalink(n.commentId)}\n`;
    }),
    `--\nYou get these emails because you turned them on in ${settings}\nStop them (no sign-in needed): ${unsubscribePage}\n`,
  ].join("\n");

  const html = [
    ...notifications.map(
      (n) =>
        `<div style="margin:0 0 24px"><p><strong>${escapeHtml(headline(n))}</strong>:</p>` +
        `<blockquote style="margin:0 0 8px;padding-left:12px;border-left:3px solid #ccc">${commentHtml(n.body, n.commentId)}</blockquote>` +
        `<p><a href="${escapeHtml(permalink(n.commentId))}">Read and reply</a></p></div>`,
    ),
    `<hr><p style="color:#666;font-size:13px">You get these emails because you turned them on in <a href="${escapeHtml(settings)}">your settings</a>. ` +
      `<a href="${escapeHtml(unsubscribePage)}">Unsubscribe</a> (no sign-in needed).</p>`,
  ].join("\n");

  const batch = createHash("sha256")
    .update(`${input.recipientId}:${notifications.map((n) => n.id).join(",")}`)
    .digest("hex")
    .slice(0, 32);
  return {
    subject,
    text,
    html,
    messageId: `<notify.${batch}@${site.hostname}>`,
    headers: { "List-Unsubscribe": `<${unsubscribeApi}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

function headline(n: EmailedNotification): string {
  const name = oneLine(n.authorName);
  const section = oneLine(n.sectionTitle);
  if (n.kind === "reply") return `${name} replied to your comment on “${section}”`;
  if (n.kind === "thread-reply") return `${name} replied in your thread on “${section}”`;
  return `A comment by ${name} on “${section}” was hidden by readers' reports and awaits review`;
}

/** Names and titles go into a header line (the subject): no line breaks can pass through them. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, " ").slice(0, 200);
