import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";

/**
 * The vote invariants, checked against the database by recounting from scratch:
 * one vote per reader and proposal, tallies (summed over their shards) equal a recount, and the history replays to the votes.
 * Returns a list of violations (empty when all hold) so a failure says exactly what broke.
 */
export async function voteInvariantViolations(db: Db): Promise<string[]> {
  const problems: string[] = [];

  const duplicates = await queryRows<{ user_id: string; proposal_id: string; n: number }>(
    db,
    sql`select user_id, proposal_id, count(*)::int as n from votes group by 1, 2 having count(*) > 1`,
  );
  for (const row of duplicates) problems.push(`${row.n} votes by ${row.user_id} on ${row.proposal_id}`);

  const tallies = await queryRows<{ proposal_id: string; stored: string; recount: string }>(
    db,
    sql`with t as (
          select proposal_id, sum(strongly_oppose) as strongly_oppose, sum(oppose) as oppose, sum(unsure) as unsure,
                 sum(support) as support, sum(strongly_support) as strongly_support
          from proposal_tallies group by proposal_id)
        select t.proposal_id,
               concat_ws(',', t.strongly_oppose, t.oppose, t.unsure, t.support, t.strongly_support) as stored,
               concat_ws(',', count(v.*) filter (where v.stance = -2), count(v.*) filter (where v.stance = -1),
                              count(v.*) filter (where v.stance = 0), count(v.*) filter (where v.stance = 1),
                              count(v.*) filter (where v.stance = 2)) as recount
        from t left join votes v on v.proposal_id = t.proposal_id
        group by t.proposal_id, t.strongly_oppose, t.oppose, t.unsure, t.support, t.strongly_support`,
  );
  for (const row of tallies) if (row.stored !== row.recount) problems.push(`tally of ${row.proposal_id} is ${row.stored}, recount ${row.recount}`);

  // Replay: each event starts from the previous event's result, and the last one is the current vote.
  const broken = await queryRows<{ user_id: string; proposal_id: string; id: number }>(
    db,
    sql`select user_id, proposal_id, id from (
          select e.*, lag(new_stance) over (partition by user_id, proposal_id order by id) as before,
                 row_number() over (partition by user_id, proposal_id order by id) as n
          from vote_events e) chain
        where (n = 1 and old_stance is not null) or (n > 1 and old_stance is distinct from before)`,
  );
  for (const row of broken) problems.push(`history of ${row.user_id} on ${row.proposal_id} breaks at event ${row.id}`);

  const replay = await queryRows<{ user_id: string; proposal_id: string; replayed: number | null; current: number | null }>(
    db,
    sql`with last as (
          select distinct on (user_id, proposal_id) user_id, proposal_id, new_stance
          from vote_events order by user_id, proposal_id, id desc)
        select coalesce(l.user_id, v.user_id) as user_id, coalesce(l.proposal_id, v.proposal_id) as proposal_id,
               l.new_stance as replayed, v.stance as current
        from last l full join votes v on v.user_id = l.user_id and v.proposal_id = l.proposal_id
        where l.new_stance is distinct from v.stance`,
  );
  for (const row of replay) problems.push(`history of ${row.user_id} on ${row.proposal_id} replays to ${row.replayed}, vote is ${row.current}`);
  return problems;
}
