import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { columnName } from "@/db/raw-sql";
import { comments, notifications, notificationSettings, users } from "@/db/schema";

// Columns through the schema: a rename in db/schema.ts fails the type-check here. `ns` is a reader's
// notification settings; an INSERT's column list takes the bare names.
const ns = alias(notificationSettings, "ns");
const insertedColumns = sql.join([notifications.recipientId, notifications.commentId, notifications.kind, notifications.emailState].map(columnName), sql`, `);
const emailStateOf = sql`case when coalesce(${ns.emailMode}, 'off') = 'off' then null else 'pending' end`;

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
  // `i` the new comment (the CTE holds a comments row), `p` its parent, `t` its thread's first comment.
  const i = alias(comments, "i");
  const p = alias(comments, "p");
  const t = alias(comments, "t");
  return sql`notified as (
      insert into ${notifications} (${insertedColumns})
      select distinct on (r.recipient_id) r.recipient_id, ${i.id}, r.kind, ${emailStateOf}
      from ${inserted} i
      cross join lateral (
        select ${p.authorId} as recipient_id, 'reply' as kind, 1 as rank from ${comments} p where ${p.id} = ${i.parentId}
        union all
        select ${t.authorId}, 'thread-reply', 2 from ${comments} t where ${t.id} = ${i.rootId} and ${t.id} <> ${i.id} and ${t.deletedAt} is null
      ) r
      left join ${notificationSettings} ns on ${ns.userId} = r.recipient_id
      where r.recipient_id <> ${i.authorId}
      order by r.recipient_id, r.rank
      on conflict do nothing
      returning ${columnName(notifications.id)}
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
  // `c` the hidden comment, `u` each admin.
  const c = alias(comments, "c");
  const u = alias(users, "u");
  return sql`insert into ${notifications} (${insertedColumns})
      select ${u.id}, ${c.id}, 'reports', ${emailStateOf}
      from ${comments} c
      join ${users} u on (${u.role} = 'admin' or lower(${u.email}) = any(${emails})) and ${u.id} <> ${c.authorId}
      left join ${notificationSettings} ns on ${ns.userId} = ${u.id}
      where ${c.id} = ${commentId}
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
