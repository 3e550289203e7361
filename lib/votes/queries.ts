import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/database";
import { proposals, proposalTallies, votes } from "@/db/schema";
import { isStance, type Stance } from "./stances";
import { toTally, type Tally } from "./tally";

export interface ProposalSummary {
  id: string;
  title: string;
  summary: string;
  sectionId: string;
  myStance: Stance | null;
  tally: Tally;
}

const shardSum = (column: AnyPgColumn) => sql<number>`sum(${column})::int`.mapWith(Number);

/**
 * Every open proposal in reading order, with its tally and (for a signed-in reader) their stance. One
 * query; a tally is the sum of its proposal's shards (at most AGGREGATE_SHARDS rows, db/schema.ts).
 */
export async function listProposals(db: Db, userId: string | null): Promise<ProposalSummary[]> {
  const tallies = db
    .select({
      proposalId: proposalTallies.proposalId,
      stronglyOppose: shardSum(proposalTallies.stronglyOppose).as("strongly_oppose"),
      oppose: shardSum(proposalTallies.oppose).as("oppose"),
      unsure: shardSum(proposalTallies.unsure).as("unsure"),
      support: shardSum(proposalTallies.support).as("support"),
      stronglySupport: shardSum(proposalTallies.stronglySupport).as("strongly_support"),
    })
    .from(proposalTallies)
    .groupBy(proposalTallies.proposalId)
    .as("tallies");
  const rows = await db
    .select({
      proposal: proposals,
      tally: {
        stronglyOppose: tallies.stronglyOppose,
        oppose: tallies.oppose,
        unsure: tallies.unsure,
        support: tallies.support,
        stronglySupport: tallies.stronglySupport,
      },
      myStance: votes.stance,
    })
    .from(proposals)
    .leftJoin(tallies, eq(tallies.proposalId, proposals.id))
    .leftJoin(votes, and(eq(votes.proposalId, proposals.id), eq(votes.userId, userId ?? "")))
    .where(isNull(proposals.retiredAt))
    .orderBy(asc(proposals.essaySlug), asc(proposals.position));
  return rows.map(({ proposal, tally, myStance }) => ({
    id: proposal.id,
    title: proposal.title,
    summary: proposal.summary,
    sectionId: proposal.sectionId,
    myStance: isStance(myStance) ? myStance : null,
    tally: toTally(tally),
  }));
}

export async function getProposal(db: Db, id: string, userId: string | null): Promise<ProposalSummary | null> {
  return (await listProposals(db, userId)).find((proposal) => proposal.id === id) ?? null;
}
