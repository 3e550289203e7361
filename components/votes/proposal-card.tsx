import Link from "next/link";
import type { FormStateAction } from "@/lib/form-actions/form-state";
import type { ProposalSummary } from "@/lib/votes/queries";
import { TallyBar } from "./tally-bar";
import { VoteForm } from "./vote-form";

interface Props {
  proposal: ProposalSummary;
  signedIn: boolean;
  /** Where sign-in brings the reader back to. */
  returnTo: string;
  /** The proposal page links to the essay; the essay links to the proposal page. */
  context: "essay" | "proposal";
  /** The server action behind the vote form. */
  submitVote: FormStateAction;
}

/**
 * A proposal with its vote control. Results stay hidden until the reader has voted, so the crowd's
 * answer cannot anchor theirs (/results always shows them).
 */
export function ProposalCard({ proposal, signedIn, returnTo, context, submitVote }: Props) {
  const headingId = `proposal-${proposal.id}-title`;
  // On its own page the proposal is the page's subject, so its title is the page's heading.
  const Heading = context === "proposal" ? "h1" : "h3";
  return (
    <aside className="proposal-card" id={`proposal-${proposal.id}`} aria-labelledby={headingId} data-proposal-id={proposal.id}>
      <p className="proposal-kicker">Proposal</p>
      <Heading id={headingId} className="proposal-title">
        {context === "essay" ? <Link href={`/proposals/${proposal.id}`}>{proposal.title}</Link> : proposal.title}
      </Heading>
      <p className="proposal-summary">{proposal.summary}</p>
      {signedIn ? (
        <VoteForm proposalId={proposal.id} proposalTitle={proposal.title} myStance={proposal.myStance} submitVote={submitVote} />
      ) : (
        <p className="sign-in-prompt">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`}>Sign in to vote</Link> on this proposal.
        </p>
      )}
      {proposal.myStance !== null ? (
        <TallyBar tally={proposal.tally} label={`How readers voted on “${proposal.title}”`} />
      ) : (
        <p className="results-hint">
          Results show here once you have voted, so that they cannot sway you. <Link href="/results">All results</Link>
        </p>
      )}
    </aside>
  );
}
