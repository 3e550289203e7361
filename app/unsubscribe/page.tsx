import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

const searchSchema = z.object({ token: z.string().max(400).optional(), done: z.literal("1").optional() });

/**
 * Where an email's "Unsubscribe" link lands: a button, not an action on load — mail scanners open
 * links, and must not unsubscribe anyone. Needs no sign-in: the token in the link is the authority.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = searchSchema.safeParse(await searchParams);
  const { token, done } = parsed.success ? parsed.data : {};
  return (
    <div className="settings-page">
      <h1>Notification emails</h1>
      {done ? (
        <p role="status">
          You will get no more notification emails. You can turn them on again in <Link href="/settings">your settings</Link>.
        </p>
      ) : token ? (
        <form method="post" action={`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`}>
          <input type="hidden" name="from" value="page" />
          <p>Stop the emails that tell you about replies to your comments?</p>
          <button type="submit" className="button">
            Unsubscribe
          </button>
        </form>
      ) : (
        <p>
          This page needs the link from a notification email. Signed in, you can change your emails in <Link href="/settings">your settings</Link>.
        </p>
      )}
    </div>
  );
}
