import { and, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { comments, notifications, sections, users, type NOTIFICATION_KINDS } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { shownAliases, shownNotificationSql } from "./notify-sql";

export const NOTIFICATIONS_PER_PAGE = 30;
const EXCERPT_CHARACTERS = 160;

export interface NotificationEntry {
  id: number;
  kind: (typeof NOTIFICATION_KINDS)[number];
  createdAt: string;
  read: boolean;
  commentId: number;
  sectionId: string;
  sectionTitle: string;
  authorName: string;
  /** The comment's Markdown source, shortened and flattened: shown as plain text, never as HTML. */
  excerpt: string;
}

export interface NotificationPage {
  entries: NotificationEntry[];
  /** Pass as `before` for the next (older) page; null on the last. */
  nextBefore: number | null;
}

/** A notification id from a URL or a form: a positive integer, else the request fails as not found. */
export const notificationIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const notificationPageQuerySchema = z.object({ before: notificationIdSchema.optional() });

// listNotifications's relations: the aliases shownNotificationSql is written over (`n`, its comment `c`,
// the comment's author `a`), and the comment's section `s`.
const { notification: n, comment: c, author: a } = shownAliases;
const s = alias(sections, "s");

/** A page of the reader's notifications, newest first; bounded whatever their number. */
export async function listNotifications(db: DbOrTx, readerId: string, { before }: { before?: number } = {}): Promise<NotificationPage> {
  const rows = await queryRows<NotificationEntry & { createdAt: Date | string }>(
    db,
    sql`select ${n.id}::float8 as "id", ${n.kind}, ${n.createdAt} as "createdAt", ${n.readAt} is not null as "read",
               ${c.id}::float8 as "commentId", ${c.sectionId} as "sectionId", ${s.title} as "sectionTitle",
               coalesce(${a.name}, 'Reader') as "authorName",
               left(regexp_replace(${c.body}, '\\s+', ' ', 'g'), ${EXCERPT_CHARACTERS + 1}) as "excerpt"
        from ${notifications} n
        join ${comments} c on ${c.id} = ${n.commentId}
        join ${users} a on ${a.id} = ${c.authorId}
        join ${sections} s on ${s.id} = ${c.sectionId}
        where ${n.recipientId} = ${readerId} and ${shownNotificationSql}
          ${before === undefined ? sql`` : sql`and ${n.id} < ${before}`}
        order by ${n.id} desc
        limit ${NOTIFICATIONS_PER_PAGE + 1}`,
  );
  const entries = rows.slice(0, NOTIFICATIONS_PER_PAGE).map((row) => ({
    ...row,
    id: Number(row.id),
    commentId: Number(row.commentId),
    createdAt: new Date(row.createdAt).toISOString(),
    excerpt: row.excerpt.length > EXCERPT_CHARACTERS ? `${row.excerpt.slice(0, EXCERPT_CHARACTERS - 1).trimEnd()}…` : row.excerpt,
  }));
  return { entries, nextBefore: rows.length > NOTIFICATIONS_PER_PAGE ? entries.at(-1)!.id : null };
}

/** Marks one of the reader's notifications read and says which comment it is about; another reader's is not found. */
export async function markNotificationRead(db: DbOrTx, readerId: string, notificationId: number): Promise<{ commentId: number }> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.recipientId, readerId)))
    .returning({ commentId: notifications.commentId });
  if (!row) throw new AppError("not_found", "No such notification.");
  return row;
}

/** Marks every unread notification of the reader read; says how many were. */
export async function markAllNotificationsRead(db: DbOrTx, readerId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.recipientId, readerId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
