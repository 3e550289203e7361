import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/results/auto-refresh";
import { MethodNote } from "@/components/results/method-note";
import { ProposalResultCard } from "@/components/results/proposal-result-card";
import { ActivitySection, AgreementSection } from "@/components/results/results-sections";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { getResultsSnapshot } from "@/lib/results/results-snapshot";

export const metadata: Metadata = { title: "Results", description: "How readers voted on the essay's proposals, with margins of error." };
export const dynamic = "force-dynamic";

export default async function ResultsPage() {
  return renderOrUnavailable(async () => {
    const { results } = await getResultsSnapshot(await getDb());
    return (
      <div className="results-page">
        <AutoRefresh />
        <h1>Results</h1>
        <p className="lede">How readers voted on the essay’s proposals — with the uncertainty that comes with any poll.</p>
        <p className="results-updated">
          Updated <time dateTime={results.generatedAt}>{results.generatedAt.slice(11, 19)} UTC</time>; this page refreshes itself while you read it.
        </p>
        {results.proposals.map((result) => (
          <ProposalResultCard key={result.id} result={result} />
        ))}
        <AgreementSection results={results} />
        <ActivitySection results={results} />
        <section aria-labelledby="data-title">
          <h2 id="data-title">Data</h2>
          <p>
            Everything on this page as <a href="/api/results">JSON</a>; every current vote as <a href="/api/results/votes.csv">CSV</a> (pseudonymous). See the{" "}
            <Link href="/results/data">data dictionary</Link>.
          </p>
        </section>
        <MethodNote />
      </div>
    );
  }, "The results page");
}
