import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/app/signin/actions";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { appOrigin } from "@/lib/auth/app-origin";
import { countLiveSessions } from "@/lib/auth/server-sessions";
import { getActor } from "@/lib/auth/session";
import { getNotificationSettings, type EmailMode } from "@/lib/notifications/settings";
import { renewFeed, revokeFeed, saveEmailMode } from "./actions";

const EMAIL_CHOICES: { mode: EmailMode; label: string; hint: string }[] = [
  { mode: "off", label: "Off", hint: "Notifications show only here on Agora." },
  { mode: "immediate", label: "Soon after", hint: "One email gathers what arrived, at most one every few minutes." },
  { mode: "daily", label: "Daily digest", hint: "At most one email a day." },
];

export const metadata: Metadata = { title: "Settings", robots: { index: false } };

/** The signed-in reader's own settings: notification emails, the private replies feed, sessions. */
export default async function SettingsPage() {
  return renderOrUnavailable(async () => {
    const actor = await getActor();
    if (!actor) redirect("/signin?callbackUrl=/settings");
    const db = await getDb();
    const [live, notifications] = await Promise.all([countLiveSessions(db, actor.id), getNotificationSettings(db, actor.id)]);
    const hasEmail = notifications.hasEmail;
    const feedUrl = notifications.feedToken
      ? new URL(`/feeds/replies/${notifications.feedToken}`, appOrigin(await headers()) ?? "http://localhost:3000").toString()
      : null;
    return (
      <div className="settings-page">
        <h1>Settings</h1>
        <section aria-labelledby="notifications-heading">
          <h2 id="notifications-heading">Replies to your comments</h2>
          <p>
            Replies to your comments and in threads you started always show under <a href="/notifications">Notifications</a>.
          </p>
          {hasEmail ? (
            <form action={saveEmailMode} className="email-mode-form">
              <fieldset>
                <legend>Also by email</legend>
                {EMAIL_CHOICES.map((choice) => (
                  <label key={choice.mode} className="radio-choice">
                    <input type="radio" name="emailMode" value={choice.mode} defaultChecked={notifications.emailMode === choice.mode} />{" "}
                    <span>
                      {choice.label} <span className="hint">{choice.hint}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
              <button type="submit" className="button">
                Save
              </button>
            </form>
          ) : (
            <p className="hint">Email needs an address: sign in with email, GitHub or Google to get replies by email.</p>
          )}
          <h3>Private replies feed</h3>
          {feedUrl ? (
            <>
              <p>An Atom feed of replies to you, for a feed reader. Anyone with this address can read it: keep it to yourself.</p>
              <p>
                <input className="feed-url" readOnly value={feedUrl} aria-label="Your private replies feed address" />
              </p>
              <div className="button-row">
                <form action={renewFeed}>
                  <button type="submit" className="button">
                    New address
                  </button>
                </form>
                <form action={revokeFeed}>
                  <button type="submit" className="link-button">
                    Turn the feed off
                  </button>
                </form>
              </div>
            </>
          ) : (
            <form action={renewFeed}>
              <button type="submit" className="button">
                Create a private feed address
              </button>
            </form>
          )}
        </section>
        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Where you are signed in</h2>
          <p>
            You are signed in as <strong>{actor.name}</strong> in {live === 1 ? "one browser or app" : `${live} browsers or apps`}. Each sign-in lasts at most
            30 days.
          </p>
          <form action={signOutEverywhere}>
            <button type="submit" className="button">
              Sign out everywhere
            </button>
          </form>
          <p className="hint">Ends every session, this one included: on other devices, and any copy of your sign-in cookie.</p>
        </section>
      </div>
    );
  });
}
