import type { DbOrTx } from "@/db/database";
import { proposalPairCounts } from "@/db/schema";
import { STANCES } from "./stances";

/**
 * Creates the 25 cells of every pair of open proposals in shard 0 (idempotent), so the cross-tab lists
 * every cell from the start; the vote function (db/functions/agora_set_vote.sql) upserts the cells of
 * its reader's shard.
 * A pair is keyed in JavaScript string order (proposal_a < proposal_b), which for content ids is the
 * byte order the vote function uses (COLLATE "C").
 */
export async function ensurePairCells(tx: DbOrTx, proposalIds: string[]): Promise<void> {
  const ids = [...proposalIds].sort();
  const rows = ids.flatMap((a, i) =>
    ids.slice(i + 1).flatMap((b) => STANCES.flatMap((stanceA) => STANCES.map((stanceB) => ({ proposalA: a, proposalB: b, stanceA, stanceB })))),
  );
  if (rows.length > 0) await tx.insert(proposalPairCounts).values(rows).onConflictDoNothing();
}
