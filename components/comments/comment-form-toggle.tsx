"use client";

import { useState } from "react";
import type { FormStateAction } from "@/lib/form-actions/form-state";
import { CommentForm } from "./comment-form";
import { useHydrated } from "./use-hydrated";

interface Props {
  mode: "reply" | "edit";
  action: FormStateAction;
  sectionId: string;
  commentId: number;
  body?: string;
  /** Open from the start: a permalink asked for it (?reply or ?edit), the no-JavaScript path. */
  initiallyOpen: boolean;
}

/**
 * "Reply" / "Edit": without JavaScript a link to the comment's permalink with the form open; with
 * it, a button that opens the form in place.
 */
export function CommentFormToggle({ mode, action, sectionId, commentId, body, initiallyOpen }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const hydrated = useHydrated();
  const label = mode === "reply" ? "Reply" : "Edit";
  return (
    <>
      {hydrated ? (
        <button type="button" className="link-button comment-action" aria-expanded={open} onClick={() => setOpen(!open)}>
          {label}
        </button>
      ) : (
        <a className="comment-action" href={`/c/${commentId}?${mode}=1#c-${commentId}`}>
          {label}
        </a>
      )}
      {open && (
        <div className="comment-form-slot">
          <CommentForm
            mode={mode}
            action={action}
            sectionId={sectionId}
            commentId={commentId}
            initialBody={body}
            onDone={() => setOpen(false)}
            autoFocus={hydrated}
          />
        </div>
      )}
    </>
  );
}
