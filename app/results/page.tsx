import type { Metadata } from "next";
import { ProposalResultCard } from "@/components/results/proposal-result-card";
import { MethodNote } from "@/components/results/method-note";
import { getDb } from "@/db/client";
import { proposalResult } from "@/lib/results/proposal-results";
import { listProposals } from "@/lib/votes/queries";

export const metadata: Metadata = { title: "Results", description: "How readers voted on the essay's proposals, with margins of error." };
export const dynamic = "force-dynamic";

export default async function ResultsPage() {
  const results = (await listProposals(await getDb(), null)).map(proposalResult);
  return (
    <div className="results-page">
      <h1>Results</h1>
      <p className="lede">How readers voted on the essay’s proposals — with the uncertainty that comes with any poll.</p>
      {results.map((result) => (
        <ProposalResultCard key={result.id} result={result} />
      ))}
      <MethodNote />
    </div>
  );
}
