import { h } from "hastscript";
import type { Results } from "@/lib/results/load-results";
import { activityTable } from "./activity-table";
import { agreementTable } from "./agreement-table";
import { profilesTable } from "./profiles-table";
import { SnapshotSection } from "./snapshot-section";
import { snapshotHtml } from "./static-html";

const titlesOf = (results: Results) => new Map(results.proposals.map((proposal) => [proposal.id, proposal.title]));

/** How stances on the proposals go together: pairwise agreement, then whole opinion profiles. */
export function AgreementSection({ results }: { results: Results }) {
  const html = snapshotHtml(results, "agreement", () => {
    const titles = titlesOf(results);
    return [
      h("h2#agreement-title", "Agreement between proposals"),
      agreementTable(results.agreement, titles),
      h("h3", "Opinion profiles"),
      profilesTable(results.profiles, titles),
    ];
  });
  return <SnapshotSection aria-labelledby="agreement-title" html={html} />;
}

/** Where the discussion is: comments and participants per section. */
export function ActivitySection({ results }: { results: Results }) {
  const html = snapshotHtml(results, "activity", () => [h("h2#activity-title", "Discussion activity"), activityTable(results.activity)]);
  return <SnapshotSection aria-labelledby="activity-title" html={html} />;
}
