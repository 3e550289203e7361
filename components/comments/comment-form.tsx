"use client";

import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "@/components/ui/form-errors";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormStateAction } from "@/lib/form-actions/form-state";
import { useAnnounce } from "./announcer";
import { permalink } from "./discussion-view";
import { useHydrated } from "./use-hydrated";

interface Props {
  mode: "new" | "reply" | "edit";
  /** The server action it posts to: posting (new, reply) or saving an edit. */
  action: FormStateAction;
  sectionId: string;
  /** The comment replied to, or edited. */
  commentId?: number;
  initialBody?: string;
  /** Called after a successful post or edit (a reply or edit form closes itself). */
  onDone?: () => void;
  autoFocus?: boolean;
}

const LABELS = {
  new: { label: "Add a comment", submit: "Post comment", pending: "Posting…" },
  reply: { label: "Your reply", submit: "Post reply", pending: "Posting…" },
  edit: { label: "Edit your comment", submit: "Save edit", pending: "Saving…" },
};

const FORM_NAMES = { new: "New comment", reply: "Reply", edit: "Edit comment" };

/**
 * Posting, replying and editing: a real form posting to a server action, so it works without
 * JavaScript. With it: pending state, the error next to the field, the result announced, and focus
 * moved to the comment once the refreshed thread shows it.
 */
export function CommentForm({ mode, action: serverAction, sectionId, commentId, initialBody = "", onDone, autoFocus }: Props) {
  const [state, action, pending] = useFormAction(serverAction);
  const [body, setBody] = useState(initialBody);
  const [unseenId, setUnseenId] = useState<number | null>(null);
  const hydrated = useHydrated();
  const announce = useAnnounce();
  const id = useId();
  const doneRef = useRef(onDone);
  const error = state.fieldErrors?.body ?? errorMessage(state);
  const text = LABELS[mode];

  useEffect(() => {
    doneRef.current = onDone;
  });

  useEffect(() => {
    if (error) announce(error);
    if (state.status !== "ok" || typeof state.data?.id !== "number") return;
    const newId = state.data.id;
    announce(state.message ?? "Done.");
    let frames = 0;
    // The refreshed thread arrives with the action's result; give it a few frames to be in the DOM.
    const tryFocus = () => {
      const element = document.getElementById(`c-${newId}`);
      if (element) {
        setUnseenId(null);
        element.focus();
        element.scrollIntoView({ block: "center" });
        if (mode !== "new") doneRef.current?.();
        else setBody("");
      } else if (frames++ < 30) {
        requestAnimationFrame(tryFocus);
      } else {
        // Not on this page (e.g. below the first page of a busy discussion): offer a link instead.
        setUnseenId(newId);
        if (mode === "new") setBody("");
      }
    };
    requestAnimationFrame(tryFocus);
  }, [state, error, announce, mode]);

  return (
    <form action={action} className={`comment-form comment-form-${mode}`} aria-label={FORM_NAMES[mode]} data-enhanced={hydrated || undefined}>
      <input type="hidden" name="sectionId" value={sectionId} />
      {mode === "reply" && <input type="hidden" name="parentId" value={commentId} />}
      {mode === "edit" && <input type="hidden" name="commentId" value={commentId} />}
      <input type="hidden" name="enhanced" value={hydrated ? "1" : ""} />
      <label htmlFor={`${id}-body`}>{text.label}</label>
      <textarea
        id={`${id}-body`}
        name="body"
        required
        rows={mode === "new" ? 4 : 3}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
      />
      <p id={`${id}-hint`} className="hint">
        Markdown: *emphasis*, **strong**, ~~strike~~, `code`, &gt; quotes, lists and links. Up to 5,000 characters.
      </p>
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
      <div className="comment-form-actions">
        <button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? text.pending : text.submit}
        </button>
        {mode !== "new" && onDone && (
          <button type="button" className="link-button" onClick={onDone}>
            Cancel
          </button>
        )}
        {unseenId !== null && (
          <span className="hint">
            {state.message} <a href={permalink(unseenId)}>View it</a>
          </span>
        )}
      </div>
    </form>
  );
}
