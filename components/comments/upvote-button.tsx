"use client";

import { startTransition, useOptimistic, useState } from "react";
import { errorMessage, withOfflineMessage } from "@/components/ui/form-errors";
import { IDLE, type FormStateAction } from "@/lib/form-actions/form-state";
import { useAnnounce } from "./announcer";
import { upvotesLabel } from "./upvote-count";
import { useHydrated } from "./use-hydrated";

interface Props {
  commentId: number;
  score: number;
  myUpvote: boolean;
  /** The server action that sets or withdraws the upvote. */
  toggleUpvote: FormStateAction;
}

/**
 * The upvote toggle, for a reader who may upvote (signed in, not banned, not the author; everyone
 * else gets UpvoteCount, with no client code): the count moves at once (useOptimistic) and settles on what the server says.
 * Rendered with a key of the server's numbers, so a refreshed page starts it afresh.
 */
export function UpvoteButton({ commentId, score, myUpvote, toggleUpvote }: Props) {
  const [confirmed, setConfirmed] = useState({ score, myUpvote });
  const [shown, setShown] = useOptimistic(confirmed);
  const [error, setError] = useState<string>();
  const hydrated = useHydrated();
  const announce = useAnnounce();
  const label = upvotesLabel(shown.score);

  async function submit(formData: FormData) {
    const next = !shown.myUpvote;
    setShown({ score: shown.score + (next ? 1 : -1), myUpvote: next });
    formData.set("upvote", next ? "1" : "0");
    const result = await withOfflineMessage(toggleUpvote)(IDLE, formData);
    startTransition(() => {
      if (result.status === "ok" && result.data) {
        setConfirmed({ score: Number(result.data.score), myUpvote: Boolean(result.data.myUpvote) });
        setError(undefined);
      } else {
        setError(errorMessage(result));
      }
    });
    announce(result.status === "ok" ? `${result.message} ${upvotesLabel(Number(result.data?.score))}.` : (errorMessage(result) ?? ""));
  }

  return (
    <form action={submit} className="upvote-form">
      <input type="hidden" name="commentId" value={commentId} />
      {/* Disabled until hydrated: upvoting needs JavaScript (reading, posting and replying do not). */}
      {/* The name holds the shown count as a word of its own (WCAG 2.5.3, label in name): axe rejects
          "Upvote (3 upvotes)", whose "(3" is not the "3" on screen. */}
      <button type="submit" className="upvote" aria-pressed={shown.myUpvote} aria-label={`Upvote, ${label}`} disabled={!hydrated} data-testid="upvote">
        ▲ <span className="upvote-score">{shown.score}</span>
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
