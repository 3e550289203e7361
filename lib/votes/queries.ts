import { and, asc, eq, isNull } from "drizzle-orm";
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

/** Every open proposal in reading order, with its tally and (for a signed-in reader) their stance. One query. */
export async function listProposals(db: Db, userId: string | null): Promise<ProposalSummary[]> {
  const rows = await db
    .select({ proposal: proposals, tally: proposalTallies, myStance: votes.stance })
    .from(proposals)
    .leftJoin(proposalTallies, eq(proposalTallies.proposalId, proposals.id))
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
