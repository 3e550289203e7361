import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { comments, notifications, sections, users } from "@/db/schema";
import { commentHtml } from "@/lib/comments/comment-html";
import type { AtomEntry } from "./atom";

/** Entries per feed: the newest; feed readers poll often and keep what they have seen. */
export const FEED_ENTRIES = 50;

interface FeedRow {
  id: string | number;
  body: string;
  createdAt: string | Date;
  editedAt: string | Date | null;
  authorName: string;
  sectionTitle: string;
}

// Columns through the schema: a rename in db/schema.ts fails the type-check here. `c` a comment, `u`
// its author, `s` its section, `n` a notification about it.
const c = alias(comments, "c");
const u = alias(users, "u");
const s = alias(sections, "s");
const n = alias(notifications, "n");
const feedColumns = sql`${c.id}, ${c.body}, ${c.createdAt} as "createdAt", ${c.editedAt} as "editedAt", coalesce(${u.name}, 'Reader') as "authorName", ${s.title} as "sectionTitle"`;

const iso = (value: string | Date) => new Date(value).toISOString();

function toEntries(rows: FeedRow[], siteUrl: string): AtomEntry[] {
  return rows.map((row) => {
    const id = Number(row.id);
    const link = new URL(`/c/${id}`, siteUrl).toString();
    return {
      id: link,
      title: `${row.authorName} on “${row.sectionTitle}”`,
      authorName: row.authorName,
      published: iso(row.createdAt),
      updated: iso(row.editedAt ?? row.createdAt),
      link,
      html: commentHtml(row.body, id),
    };
  });
}

/**
 * The newest visible comments (not deleted, not hidden, their author not banned) of the given sections,
 * newest first. Each section is read through its own index range (comments_section_visible_idx) and at
 * most FEED_ENTRIES rows are taken from each: bounded however many comments exist or were hidden.
 */
async function newestVisibleComments(db: DbOrTx, sectionIds: SQL): Promise<FeedRow[]> {
  return queryRows<FeedRow>(
    db,
    sql`select ${feedColumns}
        from ${sections} s
        cross join lateral (
          select * from ${comments} c where ${c.sectionId} = ${s.id} and ${c.deletedAt} is null and ${c.hiddenAt} is null
          order by ${c.id} desc limit ${FEED_ENTRIES}
        ) c
        join ${users} u on ${u.id} = ${c.authorId} and ${u.bannedAt} is null
        where ${s.id} in (${sectionIds})
        order by ${c.id} desc
        limit ${FEED_ENTRIES}`,
  );
}

export async function sectionFeedEntries(db: DbOrTx, sectionId: string, siteUrl: string): Promise<AtomEntry[]> {
  return toEntries(await newestVisibleComments(db, sql`${sectionId}`), siteUrl);
}

export async function essayFeedEntries(db: DbOrTx, essaySlug: string, siteUrl: string): Promise<AtomEntry[]> {
  return toEntries(
    await newestVisibleComments(db, sql`select ${sections.id} from ${sections} where ${sections.essaySlug} = ${essaySlug} and ${sections.retiredAt} is null`),
    siteUrl,
  );
}

/** The reader's private feed: replies to them (what /notifications lists), newest first. */
export async function repliesFeedEntries(db: DbOrTx, readerId: string, siteUrl: string): Promise<AtomEntry[]> {
  const rows = await queryRows<FeedRow>(
    db,
    sql`select ${feedColumns}
        from ${notifications} n
        join ${comments} c on ${c.id} = ${n.commentId}
        join ${users} u on ${u.id} = ${c.authorId}
        join ${sections} s on ${s.id} = ${c.sectionId}
        where ${n.recipientId} = ${readerId} and ${n.kind} <> 'reports' and ${c.deletedAt} is null and ${c.hiddenAt} is null and ${u.bannedAt} is null
        order by ${n.id} desc
        limit ${FEED_ENTRIES}`,
  );
  return toEntries(rows, siteUrl);
}
