import { and, asc, desc, eq, gt, isNotNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { comments, reports, sections, users } from "@/db/schema";

export interface QueueItem {
  commentId: number;
  sectionId: string;
  sectionTitle: string;
  sectionLocked: boolean;
  parentId: number | null;
  authorId: string;
  authorName: string | null;
  authorBanReason: string | null;
  body: string;
  createdAt: Date;
  hiddenReason: "moderator" | "reports" | null;
  reportCount: number;
  /** Open reports by reason, e.g. {"spam": 2}. */
  reasons: Record<string, number>;
  /** Notes reporters left (open reports only). */
  notes: string[];
}

export const QUEUE_SIZE = 100;

/** Comments with open reports, or hidden by reports pending review: most reported first. */
export async function listModerationQueue(db: DbOrTx, { limit = QUEUE_SIZE }: { limit?: number } = {}): Promise<QueueItem[]> {
  const rows = await db
    .select({
      commentId: comments.id,
      sectionId: comments.sectionId,
      sectionTitle: sections.title,
      sectionLockedAt: sections.lockedAt,
      parentId: comments.parentId,
      authorId: comments.authorId,
      authorName: users.name,
      authorBanReason: users.banReason,
      body: comments.body,
      createdAt: comments.createdAt,
      hiddenReason: comments.hiddenReason,
      reportCount: comments.reportCount,
    })
    .from(comments)
    .innerJoin(sections, eq(sections.id, comments.sectionId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(sql`${comments.deletedAt} is null`, or(gt(comments.reportCount, 0), eq(comments.hiddenReason, "reports"))))
    .orderBy(desc(comments.reportCount), asc(comments.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.commentId);
  const details = await queryRows<{ commentId: string | number; reason: string; n: string | number; notes: string[] | null }>(
    db,
    sql`select ${reports.commentId} as "commentId", ${reports.reason} as "reason", count(*) as n,
               array_remove(array_agg(${reports.note} order by ${reports.createdAt}), null) as notes
        from ${reports} where ${reports.resolvedAt} is null and ${reports.commentId} in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by ${reports.commentId}, ${reports.reason}`,
  );
  return rows.map(({ sectionLockedAt, ...row }) => {
    const mine = details.filter((detail) => Number(detail.commentId) === row.commentId);
    return {
      ...row,
      sectionLocked: sectionLockedAt !== null,
      reasons: Object.fromEntries(mine.map((detail) => [detail.reason, Number(detail.n)])),
      notes: mine.flatMap((detail) => detail.notes ?? []),
    };
  });
}

export interface ModerationSection {
  id: string;
  title: string;
  locked: boolean;
}

export async function listSectionsForModeration(db: DbOrTx): Promise<ModerationSection[]> {
  const rows = await db
    .select({ id: sections.id, title: sections.title, lockedAt: sections.lockedAt })
    .from(sections)
    .where(sql`${sections.retiredAt} is null`)
    .orderBy(asc(sections.essaySlug), asc(sections.position));
  return rows.map(({ lockedAt, ...row }) => ({ ...row, locked: lockedAt !== null }));
}

export interface BannedUser {
  id: string;
  name: string | null;
  banReason: string;
  bannedAt: Date;
}

export async function listBannedUsers(db: DbOrTx): Promise<BannedUser[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, banReason: users.banReason, bannedAt: users.bannedAt })
    .from(users)
    .where(isNotNull(users.bannedAt))
    .orderBy(desc(users.bannedAt));
  return rows.map((row) => ({ ...row, banReason: row.banReason ?? "", bannedAt: row.bannedAt! }));
}
