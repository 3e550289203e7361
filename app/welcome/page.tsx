import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { appOrigin } from "@/lib/auth/app-origin";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getActor } from "@/lib/auth/session";
import { getNotificationSettings } from "@/lib/notifications/settings";
import { turnOnReplyEmails } from "./actions";

export const metadata: Metadata = { title: "Signed in", robots: { index: false } };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * Where a sign-in email's link lands (lib/auth/email-link.ts sends it here): a reader whose reply
 * emails are off is offered to turn them on, once, before going on to `next`; everyone else goes on at
 * once. Reply emails stay off until the reader says so (issue 18: off by default).
 */
export default async function WelcomePage({ searchParams }: Props) {
  return renderOrUnavailable(async () => {
    const query = await searchParams;
    const next = safeCallbackPath(query.next, appOrigin(await headers()));
    const actor = await getActor();
    if (!actor) redirect(next);
    const settings = await getNotificationSettings(await getDb(), actor.id);
    if (!settings.hasEmail || settings.emailMode !== "off") redirect(next);
    return (
      <div className="auth-page">
        <h1>You are signed in</h1>
        <section aria-labelledby="reply-emails-heading">
          <h2 id="reply-emails-heading">Hear about replies by email?</h2>
          <p>
            When someone answers your comment or writes in a thread you started, Agora can email you: one email gathers what arrived, at most one every few
            minutes, and every email has a one-click unsubscribe. Replies always show under Notifications here.
          </p>
          <div className="button-row">
            <form action={turnOnReplyEmails}>
              <input type="hidden" name="next" value={next} />
              <button type="submit" className="button">
                Email me replies
              </button>
            </form>
            <a href={next}>Not now</a>
          </div>
          <p className="hint">
            You can change this, or choose a daily digest, in <a href="/settings">Settings</a>.
          </p>
        </section>
      </div>
    );
  });
}
