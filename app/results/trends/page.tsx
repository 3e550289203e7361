import type { Metadata } from "next";
import Link from "next/link";
import { TrendTable } from "@/components/results/trend-table";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { getResultsSnapshot } from "@/lib/results/results-snapshot";

export const metadata: Metadata = { title: "Support by day", description: "Each proposal's support share at the end of every day, with its 95% interval." };
export const dynamic = "force-dynamic";

/** The trend charts of /results as tables: every day a tally changed, for anyone who prefers digits. */
export default async function TrendsPage() {
  return renderOrUnavailable(async () => {
    const { results } = await getResultsSnapshot(await getDb());
    return (
      <div className="results-page">
        <h1>Support by day</h1>
        <p className="lede">Each proposal’s support share at the end of every day its tally changed, with the 95% Wilson interval.</p>
        {results.proposals.map((proposal) => (
          <section key={proposal.id} id={`trend-${proposal.id}`} aria-labelledby={`trend-title-${proposal.id}`}>
            <h2 id={`trend-title-${proposal.id}`}>{proposal.title}</h2>
            <TrendTable points={proposal.trend} title={proposal.title} />
          </section>
        ))}
        <p>
          <Link href="/results">Back to the results</Link>
        </p>
      </div>
    );
  }, "The trends page");
}
