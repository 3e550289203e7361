import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/app/signin/actions";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { countLiveSessions } from "@/lib/auth/server-sessions";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings", robots: { index: false } };

/** The signed-in reader's own settings: for now, where their sessions are ended. */
export default async function SettingsPage() {
  return renderOrUnavailable(async () => {
    const actor = await getActor();
    if (!actor) redirect("/signin?callbackUrl=/settings");
    const live = await countLiveSessions(await getDb(), actor.id);
    return (
      <div className="settings-page">
        <h1>Settings</h1>
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
