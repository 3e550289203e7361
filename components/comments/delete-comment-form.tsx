"use client";

import { useState } from "react";
import { useFormStatus } from "react-dom";
import { errorMessage, withOfflineMessage } from "@/components/ui/form-errors";
import { useFormAction } from "@/components/ui/use-form-action";
import { IDLE, type FormStateAction } from "@/lib/form-actions/form-state";
import { useAnnounce } from "./announcer";
import { useHydrated } from "./use-hydrated";

/** Delete, with a confirmation step that needs no dialog and no JavaScript (a disclosure). */
export function DeleteCommentForm({ commentId, removeComment }: { commentId: number; removeComment: FormStateAction }) {
  const [state, plainAction] = useFormAction(removeComment);
  const [error, setError] = useState<string>();
  const hydrated = useHydrated();
  const announce = useAnnounce();

  // With JavaScript the result is announced from here: the refreshed thread may no longer hold
  // this comment (a deleted comment without replies leaves), and this form goes with it.
  async function deleteInPlace(formData: FormData) {
    const result = await withOfflineMessage(removeComment)(IDLE, formData);
    const failure = errorMessage(result);
    if (failure ?? result.message) announce((failure ?? result.message)!);
    setError(failure);
  }
  const shownError = error ?? errorMessage(state);

  return (
    <details className="comment-delete">
      <summary className="comment-action">Delete</summary>
      <form action={hydrated ? deleteInPlace : plainAction} className="comment-delete-form">
        <input type="hidden" name="commentId" value={commentId} />
        <input type="hidden" name="enhanced" value={hydrated ? "1" : ""} />
        <span>Delete this comment?</span>
        <DeleteButton />
        {shownError && (
          <span className="field-error" role="alert">
            {shownError}
          </span>
        )}
      </form>
    </details>
  );
}

function DeleteButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending}>
      {pending ? "Deleting…" : "Yes, delete"}
    </button>
  );
}
