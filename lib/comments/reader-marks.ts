import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { queryJson } from "@/db/raw-sql";
import { isStance, type Stance } from "@/lib/votes/stances";

/**
 * A write a snapshot may have missed even though it committed before the snapshot's load started: a
 * row's time is its transaction's start, and the app's clock is not the database's. Generous on purpose:
 * a reader inside it is merely served fresh once more.
 */
const WRITE_MARGIN_MS = 2_000;

/** What is the reader's own on a page built from shared rows: their stances and upvotes, and whether they wrote since. */
export interface ReaderMarks {
  stances: Map<string, Stance>;
  upvoted: Set<number>;
  /**
   * They posted, edited or deleted a comment, upvoted, or voted since `since`: a shared snapshot may not
   * show it yet, so this request reads fresh and they see what they did on their next request, on any instance.
   */
  wroteSince: boolean;
}

/**
 * The reader's part of a page, in ONE statement by their user id (each part an index lookup: votes and
 * vote_events by user, comment_upvotes by user, comments by author) — the cheap per-request half of a page
 * whose threads come from this instance's shared snapshot.
 */
export async function loadReaderMarks(db: Db, userId: string, commentIds: number[], since: number): Promise<ReaderMarks> {
  // One text parameter, not a parameter per id: the statement's text stays the same, so pg prepares it once.
  const ids = `{${commentIds.map((id) => Math.trunc(id)).join(",")}}`;
  const after = new Date(since - WRITE_MARGIN_MS).toISOString();
  const marks = await queryJson<{ stances: Record<string, number> | null; upvoted: number[] | null; wroteSince: boolean }>(
    db,
    sql`select json_build_object(
          'stances', (select json_object_agg(v.proposal_id, v.stance) from votes v where v.user_id = ${userId}),
          'upvoted', (select json_agg(up.comment_id) from comment_upvotes up where up.user_id = ${userId} and up.comment_id = any(${ids}::bigint[])),
          'wroteSince',
            exists (select 1 from comments c where c.author_id = ${userId}
                    and (c.created_at > ${after}::timestamptz or c.edited_at > ${after}::timestamptz or c.deleted_at > ${after}::timestamptz))
            or exists (select 1 from comment_upvotes up where up.user_id = ${userId} and up.created_at > ${after}::timestamptz)
            or exists (select 1 from vote_events e where e.user_id = ${userId} and e.at > ${after}::timestamptz)
        )::text as json`,
  );
  const stances = new Map<string, Stance>();
  for (const [proposalId, stance] of Object.entries(marks.stances ?? {})) if (isStance(stance)) stances.set(proposalId, stance);
  return { stances, upvoted: new Set(marks.upvoted ?? []), wroteSince: marks.wroteSince };
}
