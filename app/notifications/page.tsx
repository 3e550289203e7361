import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import { listNotifications, notificationPageQuerySchema, type NotificationEntry } from "@/lib/notifications/inbox";
import { markAllRead, markOneRead } from "./actions";

export const metadata: Metadata = { title: "Notifications", robots: { index: false } };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function describe(entry: NotificationEntry): string {
  if (entry.kind === "reply") return `${entry.authorName} replied to your comment`;
  if (entry.kind === "thread-reply") return `${entry.authorName} replied in your thread`;
  return `A comment by ${entry.authorName} was hidden by readers' reports`;
}

/** The signed-in reader's notifications, newest first, a page at a time. Works without JavaScript. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return renderOrUnavailable(async () => {
    const reader = await getActor();
    if (!reader) redirect("/signin?callbackUrl=/notifications");
    const query = notificationPageQuerySchema.safeParse(await searchParams);
    const page = await listNotifications(await getDb(), reader.id, query.success ? query.data : {});
    const unread = page.entries.some((entry) => !entry.read) || (reader.unreadNotifications ?? 0) > 0;
    return (
      <div className="notifications-page">
        <h1>Notifications</h1>
        {unread && (
          <form action={markAllRead}>
            <button type="submit" className="button">
              Mark all read
            </button>
          </form>
        )}
        {page.entries.length === 0 ? (
          <p>Nothing yet. When someone replies to your comments, it shows here{reader.role === "admin" ? ", as do comments hidden by reports" : ""}.</p>
        ) : (
          <ol className="notification-list">
            {page.entries.map((entry) => (
              <li key={entry.id} className={entry.read ? "notification" : "notification notification-unread"} data-testid="notification">
                <p className="notification-title">
                  {!entry.read && (
                    <>
                      <span className="unread-dot" aria-hidden="true" />
                      <span className="visually-hidden">Unread: </span>
                    </>
                  )}
                  {/* A full page load, not a client-side navigation: the route marks it read and redirects, and
                      only a fresh page shows the header's count without it. */}
                  <a href={`/notifications/open/${entry.id}`}>{describe(entry)}</a> on “{entry.sectionTitle}”
                </p>
                <p className="notification-excerpt">{entry.excerpt}</p>
                <p className="notification-meta">
                  <time dateTime={entry.createdAt}>{dateFormat.format(new Date(entry.createdAt))} UTC</time>
                  {!entry.read && (
                    <form action={markOneRead} className="inline-form">
                      <input type="hidden" name="id" value={entry.id} />
                      <button type="submit" className="link-button">
                        Mark read
                      </button>
                    </form>
                  )}
                </p>
              </li>
            ))}
          </ol>
        )}
        {page.nextBefore !== null && (
          <p>
            <Link href={`/notifications?before=${page.nextBefore}`}>Older notifications</Link>
          </p>
        )}
        <p className="hint">
          Emails and your private replies feed: <Link href="/settings#notifications-heading">settings</Link>.
        </p>
      </div>
    );
  });
}
