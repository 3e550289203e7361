import Link from "next/link";
import { UNREAD_COUNT_CAP } from "@/lib/auth/users";

/** The header's way to /notifications: a bell with the unread count, named in full for screen readers. */
export function NotificationsLink({ unread }: { unread: number }) {
  const shown = unread >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(unread);
  const label = unread === 0 ? "Notifications" : `Notifications, ${shown} unread`;
  return (
    <Link href="/notifications" className="notifications-link" aria-label={label} title={label} data-testid="notifications-link" prefetch={false}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.71V3.5a2 2 0 1 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="unread-badge" data-testid="unread-count">
          {shown}
        </span>
      )}
    </Link>
  );
}
