import { and, isNull, notInArray, sql } from "drizzle-orm";
import type { Library } from "@/lib/content/essays";
import { ensurePairCells } from "@/lib/votes/pair-cells";
import type { Db, DbOrTx } from "./database";
import { essays, proposals, proposalTallies, sections } from "./schema";

/** Serializes concurrent syncs (two instances starting together) without deadlocking on rows. */
const CONTENT_SYNC_LOCK_KEY = 7_240_315_002;

/**
 * Upserts essays, sections and proposals by id in one transaction. Idempotent. An id that left the
 * content is marked retired, never deleted, so votes and comments tied to it are kept; an id that
 * comes back is revived.
 */
export async function syncContent(db: Db, library: Library): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CONTENT_SYNC_LOCK_KEY})`);

    for (const essay of library.essays) {
      const row = { slug: essay.slug, title: essay.title, publishedOn: essay.date, isHome: essay === library.home, retiredAt: null, syncedAt: now };
      await tx.insert(essays).values(row).onConflictDoUpdate({ target: essays.slug, set: row });
    }
    const sectionRows = library.essays.flatMap((essay) =>
      essay.sections.map((s) => ({ id: s.id, essaySlug: s.essaySlug, title: s.title, position: s.position, level: s.level, retiredAt: null })),
    );
    for (const row of sectionRows) {
      await tx.insert(sections).values(row).onConflictDoUpdate({ target: sections.id, set: row });
    }
    const proposalRows = library.essays.flatMap((essay) =>
      essay.proposals.map((p) => ({
        id: p.id,
        essaySlug: p.essaySlug,
        sectionId: p.sectionId,
        title: p.title,
        summary: p.summary,
        position: p.position,
        retiredAt: null,
      })),
    );
    for (const row of proposalRows) {
      await tx.insert(proposals).values(row).onConflictDoUpdate({ target: proposals.id, set: row });
    }
    // Every proposal has its shard-0 tally row from the start, so its tally reads zeros before any vote;
    // votes upsert the rows of their readers' shards.
    if (proposalRows.length > 0) {
      await tx
        .insert(proposalTallies)
        .values(proposalRows.map((row) => ({ proposalId: row.id })))
        .onConflictDoNothing();
      await ensurePairCells(
        tx,
        proposalRows.map((row) => row.id),
      );
    }

    const slugs = library.essays.map((essay) => essay.slug);
    await tx
      .update(essays)
      .set({ retiredAt: now, isHome: false })
      .where(and(notInArray(essays.slug, slugs), isNull(essays.retiredAt)));
    await retireMissing(
      tx,
      sections,
      sectionRows.map((row) => row.id),
      now,
    );
    await retireMissing(
      tx,
      proposals,
      proposalRows.map((row) => row.id),
      now,
    );
  });
}

async function retireMissing(tx: DbOrTx, table: typeof sections | typeof proposals, keep: string[], now: Date) {
  const gone = keep.length > 0 ? notInArray(table.id, keep) : undefined;
  await tx
    .update(table)
    .set({ retiredAt: now })
    .where(and(gone, isNull(table.retiredAt)));
}
