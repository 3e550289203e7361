"use client";

import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { removeComment } from "@/app/sections/[id]/actions";
import { IDLE } from "@/lib/actions/form-state";
import { useAnnounce } from "./announcer";
import { useHydrated } from "./use-hydrated";

/** Delete, with a confirmation step that needs no dialog and no JavaScript (a disclosure). */
export function DeleteCommentForm({ commentId }: { commentId: number }) {
  const [state, plainAction] = useActionState(removeComment, IDLE);
  const [error, setError] = useState<string>();
  const hydrated = useHydrated();
  const announce = useAnnounce();

  // With JavaScript the result is announced from here: the refreshed thread may no longer hold
  // this comment (a deleted comment without replies leaves), and this form goes with it.
  async function deleteInPlace(formData: FormData) {
    const result = await removeComment(IDLE, formData);
    if (result.message) announce(result.message);
    setError(result.status === "error" ? result.message : undefined);
  }
  const shownError = error ?? (state.status === "error" ? state.message : undefined);

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
