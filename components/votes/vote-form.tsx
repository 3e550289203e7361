"use client";

import { useActionState, useState } from "react";
import { submitVote } from "@/app/proposals/actions";
import { IDLE } from "@/lib/actions/form-state";
import { STANCES, STANCE_LABELS, type Stance } from "@/lib/votes/stances";

interface Props {
  proposalId: string;
  proposalTitle: string;
  myStance: Stance | null;
}

/**
 * Five stance buttons in a real <form> posting to a server action: it works without JavaScript.
 * With JavaScript the clicked choice shows at once while the vote is saved, and the result is announced.
 */
export function VoteForm({ proposalId, proposalTitle, myStance }: Props) {
  const [state, action, pending] = useActionState(submitVote, IDLE);
  const [chosen, setChosen] = useState<Stance | null>(myStance);
  const shown = pending ? chosen : myStance;

  return (
    <form action={action} className="vote-form" aria-busy={pending}>
      <input type="hidden" name="proposalId" value={proposalId} />
      <fieldset>
        <legend>Your stance on “{proposalTitle}”</legend>
        <div className="stance-buttons">
          {STANCES.map((stance) => (
            <button
              key={stance}
              type="submit"
              name="stance"
              value={String(stance)}
              aria-pressed={shown === stance}
              className={`stance-button stance-${stance}`}
              onClick={() => setChosen(stance)}
              disabled={pending}
            >
              {STANCE_LABELS[stance]}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="vote-footer">
        {shown !== null && (
          <button type="submit" name="stance" value="withdraw" className="link-button" onClick={() => setChosen(null)} disabled={pending}>
            Withdraw my vote
          </button>
        )}
        <p className="vote-status" role="status" aria-live="polite">
          {pending ? "Saving your vote…" : state.message}
        </p>
      </div>
    </form>
  );
}
