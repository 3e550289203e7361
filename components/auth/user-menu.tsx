import Link from "next/link";
import { NotificationsLink } from "@/components/notifications/notifications-link";
import { getActor } from "@/lib/auth/session";

/** The header's account area: who is signed in (name, avatar) and sign out; or a sign-in link. `signOut` is the server action. */
export async function UserMenu({ signOut }: { signOut: () => Promise<void> }) {
  const actor = await getActor().catch(() => null); // a database outage must not take the header down
  if (!actor) {
    return (
      <Link href="/signin" className="sign-in-link">
        Sign in
      </Link>
    );
  }
  return (
    <div className="user-menu">
      <NotificationsLink unread={actor.unreadNotifications ?? 0} />
      {actor.image && (
        // eslint-disable-next-line @next/next/no-img-element -- provider avatars come from many hosts
        <img src={actor.image} alt="" width={28} height={28} className="avatar" referrerPolicy="no-referrer" />
      )}
      <Link href="/settings" className="user-name" data-testid="signed-in-as" title="Your settings">
        {actor.name}
        {actor.role === "admin" && <span className="role-badge">admin</span>}
      </Link>
      <form action={signOut}>
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </div>
  );
}
