import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { queryPreparedRows } from "@/db/raw-sql";
import { retryingConflicts } from "@/db/transaction";
import type { Writer } from "@/lib/auth/users";
import { bannedError, unauthenticatedError } from "@/lib/auth/writer-errors";
import { forgetTallies } from "@/lib/comments/discussion-snapshot";
import { AppError } from "@/lib/errors";
import { limitsFromEnv, MINUTE, rateLimitError, type LimitOptions } from "@/lib/rate-limit";
import { forgetResultsSnapshot } from "@/lib/results/results-snapshot";
import type { Stance } from "./stances";
import { toTally, type Tally } from "./tally";

export interface VoteResult {
  id: string;
  myStance: Stance | null;
  tally: Tally;
}

/** A row of agora_set_vote (db/functions/agora_set_vote.sql); the tally is null unless the outcome is "ok". */
interface SetVoteRow {
  outcome: "ok" | "no_user" | "banned" | "not_found" | "rate_limited";
  ban_reason: string | null;
  retry_after: number | null;
  tally_strongly_oppose: number | null;
  tally_oppose: number | null;
  tally_unsure: number | null;
  tally_support: number | null;
  tally_strongly_support: number | null;
}

/**
 * Casts, changes (stance) or withdraws (null) the writer's vote on a proposal: the typed wrapper of
 * agora_set_vote, whose file (db/functions/agora_set_vote.sql) states the contract — one statement,
 * the writer check, the rate limit and every aggregate inside it. Here its outcomes become AppErrors,
 * and a deadlock or serialization failure is retried.
 */
export async function setVote(
  db: Db,
  writer: Writer,
  proposalId: string,
  stance: Stance | null,
  { limits = limitsFromEnv() }: LimitOptions = {},
): Promise<VoteResult> {
  const max = limits.votesPerMinute;
  const [row] = await retryingConflicts(() =>
    queryPreparedRows<SetVoteRow>(
      db,
      sql`select outcome, retry_after, tally_strongly_oppose, tally_oppose, tally_unsure, tally_support, tally_strongly_support
               , ban_reason
          from agora_set_vote(${writer.id}, ${writer.sessionId ?? null}::text, ${proposalId}, ${stance}::smallint, ${max}::int)`,
    ),
  );
  if (row?.outcome === "no_user") throw unauthenticatedError();
  if (row?.outcome === "banned") throw bannedError(row.ban_reason ?? "banned by a moderator");
  if (row?.outcome === "rate_limited") throw rateLimitError("vote changes", max, MINUTE, Number(row.retry_after));
  if (row?.outcome === "not_found") throw new AppError("not_found", `No proposal "${proposalId}".`);
  if (row?.outcome !== "ok") throw new Error(`agora_set_vote answered ${JSON.stringify(row)}`);
  forgetResultsSnapshot(db);
  forgetTallies();
  const tally =
    row.tally_strongly_oppose === null
      ? null
      : {
          stronglyOppose: Number(row.tally_strongly_oppose),
          oppose: Number(row.tally_oppose),
          unsure: Number(row.tally_unsure),
          support: Number(row.tally_support),
          stronglySupport: Number(row.tally_strongly_support),
        };
  return { id: proposalId, myStance: stance, tally: toTally(tally) };
}
