import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import {
  comments,
  opinionProfileCounts,
  proposalDailyDeltas,
  proposalPairCounts,
  proposals as proposalsTable,
  proposalTallies,
  sections as sectionsTable,
} from "@/db/schema";
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
// Columns through the schema, so a rename in db/schema.ts fails the type-check here.
const pa = alias(proposalsTable, "pa");
const pb = alias(proposalsTable, "pb");
const s = alias(sectionsTable, "s");
const c = alias(comments, "c");

export async function loadResults(db: Db): Promise<Results> {
  const [proposals, deltas, shifts, cells, profileRows, sections] = await Promise.all([
    listProposals(db, null),
    queryRows<{ proposal_id: string; day: string; stance: number; delta: number }>(
      db,
      sql`select ${proposalDailyDeltas.proposalId}, to_char(${proposalDailyDeltas.day}, 'YYYY-MM-DD') as day, ${proposalDailyDeltas.stance},
                 sum(${proposalDailyDeltas.delta})::int as delta
          from ${proposalDailyDeltas}
          group by ${proposalDailyDeltas.proposalId}, ${proposalDailyDeltas.day}, ${proposalDailyDeltas.stance}
          having sum(${proposalDailyDeltas.delta}) <> 0 order by ${proposalDailyDeltas.day}`,
    ),
    queryRows<{ proposal_id: string; up: number; down: number }>(
      db,
      sql`select ${proposalTallies.proposalId}, sum(${proposalTallies.shiftedTowardSupport})::int as up, sum(${proposalTallies.shiftedTowardOppose})::int as down
          from ${proposalTallies} group by ${proposalTallies.proposalId}`,
    ),
    queryRows<{ a: string; b: string; sa: number; sb: number; count: number }>(
      db,
      sql`select ${proposalPairCounts.proposalA} as a, ${proposalPairCounts.proposalB} as b, ${proposalPairCounts.stanceA} as sa,
                 ${proposalPairCounts.stanceB} as sb, sum(${proposalPairCounts.count})::int as count
          from ${proposalPairCounts}
          join ${proposalsTable} pa on ${pa.id} = ${proposalPairCounts.proposalA} and ${pa.retiredAt} is null
          join ${proposalsTable} pb on ${pb.id} = ${proposalPairCounts.proposalB} and ${pb.retiredAt} is null
          group by 1, 2, 3, 4`,
    ),
    queryRows<{ profile: string; count: number }>(
      db,
      sql`select ${opinionProfileCounts.profile}, sum(${opinionProfileCounts.count})::int as count from ${opinionProfileCounts}
          group by ${opinionProfileCounts.profile} having sum(${opinionProfileCounts.count}) > 0`,
    ),
    queryRows<{ id: string; title: string; comment_count: number; participants: number }>(
      db,
      sql`select ${s.id}, ${s.title}, ${s.commentCount},
                 (select count(distinct ${c.authorId})::int from ${comments} c
                  where ${c.sectionId} = ${s.id} and ${c.deletedAt} is null and ${c.hiddenAt} is null) as participants
          from ${sectionsTable} s where ${s.retiredAt} is null order by ${s.essaySlug}, ${s.position}`,
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
