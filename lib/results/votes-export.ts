import { createHmac } from "node:crypto";
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { votes } from "@/db/schema";

export const VOTES_CSV_HEADER = "voter_id,proposal_id,stance,day";
const PAGE_SIZE = 5000;

/**
 * A pseudonymous voter id: HMAC-SHA256 of the user id under a server secret, so the same reader has
 * the same id on every row (and in every export) but the id cannot be traced back without the secret.
 */
export function pseudonym(userId: string, secret: string): string {
  return createHmac("sha256", secret).update(`agora-voter:${userId}`).digest("hex").slice(0, 20);
}

/**
 * Every current vote as CSV lines (header first), read in keyset pages. No names, no emails: a
 * pseudonym, the proposal, the stance, the day. Rows come ordered by voter, so each voter is hashed
 * once, not once per vote. The public download serves this built once per results snapshot
 * (getVotesCsvSnapshot), not per request.
 */
export async function* votesCsv(db: Db, secret: string): AsyncGenerator<string> {
  yield `${VOTES_CSV_HEADER}\n`;
  let after: { userId: string; proposalId: string } | null = null;
  let voter = { userId: "", id: "" };
  const voterId = (userId: string) => (voter.userId === userId ? voter.id : (voter = { userId, id: pseudonym(userId, secret) }).id);
  for (;;) {
    const rows: { userId: string; proposalId: string; stance: number; day: string }[] = await db
      .select({
        userId: votes.userId,
        proposalId: votes.proposalId,
        stance: votes.stance,
        day: sql<string>`to_char(${votes.updatedAt} at time zone 'utc', 'YYYY-MM-DD')`,
      })
      .from(votes)
      .where(after ? or(gt(votes.userId, after.userId), and(eq(votes.userId, after.userId), gt(votes.proposalId, after.proposalId))) : undefined)
      .orderBy(asc(votes.userId), asc(votes.proposalId))
      .limit(PAGE_SIZE);
    if (rows.length === 0) return;
    // Ids are [a-z0-9-] and the stance an integer: nothing here needs CSV quoting.
    yield rows.map((row) => `${voterId(row.userId)},${row.proposalId},${row.stance},${row.day}\n`).join("");
    const last = rows.at(-1)!;
    after = { userId: last.userId, proposalId: last.proposalId };
    if (rows.length < PAGE_SIZE) return;
  }
}
