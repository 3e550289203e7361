import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { agreementFromCrossTab, type Agreement } from "@/lib/stats/agreement";
import { profileShares, type Side } from "@/lib/stats/opinion-profiles";
import { listProposals } from "@/lib/votes/queries";
import { proposalResult, type ProposalResult } from "./proposal-results";
import { trendFromDeltas, type TrendPoint } from "./trend";

export interface ProposalResults extends ProposalResult {
  trend: TrendPoint[];
  /** Current voters whose stance differs from the one they started with, by direction. */
  changes: { changedReaders: number; towardSupport: number; towardOppose: number };
}

export interface PairAgreement extends Agreement {
  a: string;
  b: string;
  /** Rows: stance on a (-2..2), columns: stance on b. */
  crossTab: number[][];
}

export interface Results {
  generatedAt: string;
  proposals: ProposalResults[];
  agreement: PairAgreement[];
  profiles: { readers: number; profiles: { sides: Record<string, Side>; count: number; share: number }[] };
  activity: { sections: { id: string; title: string; commentCount: number; participants: number }[]; mostDiscussed: string[] };
}

/**
 * Everything /results and /api/results show, read from maintained aggregates: a handful of small
 * queries whose cost does not depend on how many votes there are (each aggregate is the sum of a
 * fixed number of shards, db/schema.ts AGGREGATE_SHARDS).
 */
export async function loadResults(db: Db): Promise<Results> {
  const [proposals, deltas, shifts, cells, profileRows, sections] = await Promise.all([
    listProposals(db, null),
    queryRows<{ proposal_id: string; day: string; stance: number; delta: number }>(
      db,
      sql`select proposal_id, to_char(day, 'YYYY-MM-DD') as day, stance, sum(delta)::int as delta from proposal_daily_deltas
          group by proposal_id, day, stance having sum(delta) <> 0 order by day`,
    ),
    queryRows<{ proposal_id: string; up: number; down: number }>(
      db,
      sql`select proposal_id, sum(shifted_toward_support)::int as up, sum(shifted_toward_oppose)::int as down from proposal_tallies group by proposal_id`,
    ),
    queryRows<{ a: string; b: string; sa: number; sb: number; count: number }>(
      db,
      sql`select c.proposal_a as a, c.proposal_b as b, c.stance_a as sa, c.stance_b as sb, sum(c.count)::int as count
          from proposal_pair_counts c
          join proposals pa on pa.id = c.proposal_a and pa.retired_at is null
          join proposals pb on pb.id = c.proposal_b and pb.retired_at is null
          group by 1, 2, 3, 4`,
    ),
    queryRows<{ profile: string; count: number }>(
      db,
      sql`select profile, sum(count)::int as count from opinion_profile_counts group by profile having sum(count) > 0`,
    ),
    queryRows<{ id: string; title: string; comment_count: number; participants: number }>(
      db,
      sql`select s.id, s.title, s.comment_count,
                 (select count(distinct c.author_id)::int from comments c
                  where c.section_id = s.id and c.deleted_at is null and c.hidden_at is null) as participants
          from sections s where s.retired_at is null order by s.essay_slug, s.position`,
    ),
  ]);

  const openIds = new Set(proposals.map((proposal) => proposal.id));
  const results: ProposalResults[] = proposals.map((proposal) => {
    const shift = shifts.find((row) => row.proposal_id === proposal.id);
    const towardSupport = Number(shift?.up ?? 0);
    const towardOppose = Number(shift?.down ?? 0);
    return {
      ...proposalResult(proposal),
      trend: trendFromDeltas(
        deltas.filter((row) => row.proposal_id === proposal.id).map((row) => ({ day: row.day, stance: Number(row.stance), delta: Number(row.delta) })),
      ),
      changes: { changedReaders: towardSupport + towardOppose, towardSupport, towardOppose },
    };
  });

  const pairs = new Map<string, PairAgreement>();
  for (const cell of cells) {
    const key = `${cell.a}|${cell.b}`;
    const pair = pairs.get(key) ?? {
      a: cell.a,
      b: cell.b,
      crossTab: Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]),
      n: 0,
      sameSide: null,
      correlation: null,
    };
    pair.crossTab[Number(cell.sa) + 2]![Number(cell.sb) + 2] = Number(cell.count);
    pairs.set(key, pair);
  }
  const agreement = [...pairs.values()].sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1)).map((pair) => ({ ...pair, ...agreementFromCrossTab(pair.crossTab) }));

  // A profile counts readers who voted on every open proposal; profiles over other sets are stale.
  const current = profileRows.filter(
    (row) => row.profile.split("|").every((part) => openIds.has(part.split(":")[0]!)) && row.profile.split("|").length === openIds.size,
  );
  const shares = profileShares(new Map(current.map((row) => [row.profile, Number(row.count)])));
  const profiles = {
    readers: shares.reduce((sum, share) => sum + share.count, 0),
    profiles: shares.map(({ profile, count, share }) => ({
      sides: Object.fromEntries(profile.split("|").map((part) => part.split(":") as [string, Side])),
      count,
      share,
    })),
  };

  const activity = sections.map((row) => ({ id: row.id, title: row.title, commentCount: Number(row.comment_count), participants: Number(row.participants) }));
  const mostDiscussed = [...activity]
    .filter((section) => section.commentCount > 0)
    .sort((x, y) => y.commentCount - x.commentCount || y.participants - x.participants)
    .slice(0, 3)
    .map((section) => section.id);

  return { generatedAt: new Date().toISOString(), proposals: results, agreement, profiles, activity: { sections: activity, mostDiscussed } };
}
