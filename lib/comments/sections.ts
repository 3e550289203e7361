import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/database";
import { qualifiedColumn } from "@/db/raw-sql";
import { essays, proposals, sections } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** A section as its discussion needs it. */
export interface DiscussionSection {
  id: string;
  essaySlug: string;
  title: string;
  /** Visible comments (not deleted, not hidden): sections.comment_count, kept by every write. */
  commentCount: number;
  locked: boolean;
  /** The proposal this section carries, whose votes show as stances beside the words; null if none. */
  proposalId: string | null;
}

// `sections.id` through qualifiedColumn: in a one-table select Drizzle leaves column names bare, and
// inside this subquery a bare "id" would be the proposal's own. Used in raw SQL too, over an unaliased `sections`.
const p = alias(proposals, "p");
export const proposalOfSection = sql<string | null>`(
  select ${p.id} from ${proposals} p
  where ${p.sectionId} = ${qualifiedColumn(sections.id)} and ${p.retiredAt} is null
  order by ${p.position} limit 1
)`;

const fields = {
  id: sections.id,
  essaySlug: sections.essaySlug,
  title: sections.title,
  commentCount: sections.commentCount,
  lockedAt: sections.lockedAt,
  proposalId: proposalOfSection,
};

const toSection = ({ lockedAt, ...row }: Omit<DiscussionSection, "locked"> & { lockedAt: Date | null }): DiscussionSection => ({
  ...row,
  locked: lockedAt !== null,
});

/** Every current section, essay by essay in reading order: one query (the table of contents, GET /api/sections). */
export async function listDiscussionSections(db: DbOrTx): Promise<DiscussionSection[]> {
  const rows = await db
    .select(fields)
    .from(sections)
    .innerJoin(essays, eq(essays.slug, sections.essaySlug))
    .where(and(isNull(sections.retiredAt), isNull(essays.retiredAt)))
    .orderBy(asc(essays.publishedOn), asc(essays.slug), asc(sections.position));
  return rows.map(toSection);
}

/** One section by id (retired ones too: their discussions stay readable), or null. */
export async function getDiscussionSection(db: DbOrTx, id: string): Promise<DiscussionSection | null> {
  const [row] = await db.select(fields).from(sections).where(eq(sections.id, id)).limit(1);
  return row ? toSection(row) : null;
}

export async function requireDiscussionSection(db: DbOrTx, id: string): Promise<DiscussionSection> {
  const section = await getDiscussionSection(db, id);
  if (!section) throw new AppError("not_found", "No such section.");
  return section;
}
