import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { comments, notifications, users } from "@/db/schema";

/**
 * The notifications a new comment causes, as a CTE for the statement that inserts it (lib/comments/
 * write.ts), so a reply and the notification it owes are committed together or not at all — the outbox
 * pattern. `inserted` is that statement's CTE holding the new comment row.
 *
 * Who: the parent's author ("reply") and the thread's starter ("thread-reply"); one row per reader,
 * "reply" winning when both are the same person; never the comment's own author; not for a thread
 * whose first comment its author deleted. Each row is queued for email only if the reader had email on
 * when it was written (email_state 'pending'; null otherwise). Only new rows in a table keyed by reader
 * and comment: no row that other writers lock.
 */
export function replyNotificationsCte(inserted: SQL): SQL {
  return sql`notified as (
      insert into notifications (recipient_id, comment_id, kind, email_state)
      select distinct on (r.recipient_id) r.recipient_id, i.id, r.kind,
             case when coalesce(ns.email_mode, 'off') = 'off' then null else 'pending' end
      from ${inserted} i
      cross join lateral (
        select p.author_id as recipient_id, 'reply' as kind, 1 as rank from comments p where p.id = i.parent_id
        union all
        select t.author_id, 'thread-reply', 2 from comments t where t.id = i.root_id and t.id <> i.id and t.deleted_at is null
      ) r
      left join notification_settings ns on ns.user_id = r.recipient_id
      where r.recipient_id <> i.author_id
      order by r.recipient_id, r.rank
      on conflict do nothing
      returning id
    )`;
}

/**
 * A comment just hidden by readers' reports: every admin (by role, or by ADMIN_EMAILS) is told, so it
 * is reviewed. Bounded by the number of admins; run inside the transaction that hid the comment.
 */
export function reportsNotificationSql(commentId: number, adminEmails: string[]): SQL {
  const emails =
    adminEmails.length === 0
      ? sql`array[]::text[]`
      : sql`array[${sql.join(
          adminEmails.map((email) => sql`${email}`),
          sql`, `,
        )}]::text[]`;
  return sql`insert into notifications (recipient_id, comment_id, kind, email_state)
      select u.id, c.id, 'reports', case when coalesce(ns.email_mode, 'off') = 'off' then null else 'pending' end
      from comments c
      join users u on (u.role = 'admin' or lower(u.email) = any(${emails})) and u.id <> c.author_id
      left join notification_settings ns on ns.user_id = u.id
      where c.id = ${commentId}
      on conflict do nothing`;
}

/** The relations shownNotificationSql reads, by the aliases its callers give them: `n`, its comment `c`, the comment's author `a`. */
export const shownAliases = { notification: alias(notifications, "n"), comment: alias(comments, "c"), author: alias(users, "a") };

/**
 * What a reader's notifications may show: comments still there (not deleted, not hidden by a moderator
 * or reports, their author not banned) — except that an admin's "reports" notification is about a
 * hidden comment by design. The same rule counts the unread (lib/auth/users.ts) and feeds the sender.
 */
export const shownNotificationSql = sql`${shownAliases.comment.deletedAt} is null and (${shownAliases.notification.kind} = 'reports' or (${shownAliases.comment.hiddenAt} is null and ${shownAliases.author.bannedAt} is null))`;
