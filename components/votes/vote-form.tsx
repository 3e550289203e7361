"use client";

import { useState } from "react";
import { errorMessage } from "@/components/ui/form-errors";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormStateAction } from "@/lib/form-actions/form-state";
import { STANCE_LABELS, STANCES, type Stance } from "@/lib/votes/stances";

interface Props {
  proposalId: string;
  proposalTitle: string;
  myStance: Stance | null;
  /** The server action that saves the vote (app/proposals/actions.ts). */
  submitVote: FormStateAction;
}

/**
 * Five stance buttons in a real <form> posting to a server action: it works without JavaScript.
 * With JavaScript the clicked choice shows at once while the vote is saved, and the result is announced.
 */
export function VoteForm({ proposalId, proposalTitle, myStance, submitVote }: Props) {
  const [state, action, pending] = useFormAction(submitVote);
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
              onClick={(event) => (pending ? event.preventDefault() : setChosen(stance))}
              // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
              aria-disabled={pending}
            >
              {STANCE_LABELS[stance]}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="vote-footer">
        {shown !== null && (
          <button
            type="submit"
            name="stance"
            value="withdraw"
            className="link-button"
            onClick={(event) => (pending ? event.preventDefault() : setChosen(null))}
            aria-disabled={pending}
          >
            Withdraw my vote
          </button>
        )}
        <p className="vote-status" role="status" aria-live="polite">
          {pending ? "Saving your vote…" : (errorMessage(state) ?? state.message)}
        </p>
      </div>
    </form>
  );
}
