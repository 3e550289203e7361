import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/database";
import { queryJson } from "@/db/raw-sql";
import { comments, commentUpvotes, voteEvents, votes } from "@/db/schema";
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

// loadReaderMarks's tables by their aliases: `v` the reader's votes, `up` their upvotes, `c` their
// comments, `e` their vote events. Columns go through the schema; the statement's text is the same on
// every call (only parameters vary), so pg keeps it prepared.
const v = alias(votes, "v");
const up = alias(commentUpvotes, "up");
const c = alias(comments, "c");
const e = alias(voteEvents, "e");

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
          'stances', (select json_object_agg(${v.proposalId}, ${v.stance}) from ${votes} v where ${v.userId} = ${userId}),
          'upvoted', (select json_agg(${up.commentId}) from ${commentUpvotes} up where ${up.userId} = ${userId} and ${up.commentId} = any(${ids}::bigint[])),
          'wroteSince',
            exists (select 1 from ${comments} c where ${c.authorId} = ${userId}
                    and (${c.createdAt} > ${after}::timestamptz or ${c.editedAt} > ${after}::timestamptz or ${c.deletedAt} > ${after}::timestamptz))
            or exists (select 1 from ${commentUpvotes} up where ${up.userId} = ${userId} and ${up.createdAt} > ${after}::timestamptz)
            or exists (select 1 from ${voteEvents} e where ${e.userId} = ${userId} and ${e.at} > ${after}::timestamptz)
        )::text as json`,
  );
  const stances = new Map<string, Stance>();
  for (const [proposalId, stance] of Object.entries(marks.stances ?? {})) if (isStance(stance)) stances.set(proposalId, stance);
  return { stances, upvoted: new Set(marks.upvoted ?? []), wroteSince: marks.wroteSince };
}
