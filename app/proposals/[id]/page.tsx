import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { ProposalCard } from "@/components/votes/proposal-card";
import { essayPath, findProposalContext } from "@/lib/content/essays";
import { AppError } from "@/lib/errors";
import { loadReaderView } from "@/lib/essay-view";
import { proposalIdSchema } from "@/lib/identifiers";
import { submitVote } from "../actions";

interface Props {
  params: Promise<{ id: string }>;
}

const paramsSchema = z.object({ id: proposalIdSchema });

async function load(params: Props["params"]) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return null;
  const reader = await loadReaderView();
  if (reader.proposals === null) throw new AppError("unavailable", "The database is unavailable.");
  const proposal = reader.proposals.find((candidate) => candidate.id === parsed.data.id);
  return proposal ? { reader, proposal } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load(params).catch(() => null);
  if (!loaded) return {};
  const { title, summary } = loaded.proposal;
  return { title, description: summary, openGraph: { title, description: summary, type: "article" } };
}

export default async function ProposalPage({ params }: Props) {
  return renderOrUnavailable(async () => {
    const loaded = await load(params);
    if (!loaded) notFound();
    const { reader, proposal } = loaded;
    const context = findProposalContext(proposal.id);
    return (
      <div className="proposal-page">
        <ProposalCard proposal={proposal} signedIn={reader.actor !== null} returnTo={`/proposals/${proposal.id}`} context="proposal" submitVote={submitVote} />
        {context && (
          <p className="proposal-context">
            From the section <Link href={`${essayPath(context.essay)}#${context.section.id}`}>“{context.section.title}”</Link> of{" "}
            <Link href={essayPath(context.essay)}>{context.essay.title}</Link>.
          </p>
        )}
      </div>
    );
  }, "This proposal");
}
