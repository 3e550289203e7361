"use client";

import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import { IDLE, type FormStateAction } from "@/lib/form-actions/form-state";
import { REPORT_NOTE_MAX_CHARACTERS, REPORT_REASONS } from "@/lib/moderation/report-reasons";

/** Report a comment to the moderators: a disclosure holding a reason and an optional note; works without JavaScript. */
export function ReportCommentForm({ commentId, reportComment }: { commentId: number; reportComment: FormStateAction }) {
  const [state, action] = useActionState(reportComment, IDLE);
  const id = useId();
  return (
    <details className="comment-report">
      <summary className="comment-action">Report</summary>
      <form action={action} className="report-form">
        <input type="hidden" name="commentId" value={commentId} />
        <label htmlFor={`${id}-reason`}>Reason</label>
        <select id={`${id}-reason`} name="reason" required defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {REPORT_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {reason}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>Note (optional)</label>
        <input id={`${id}-note`} name="note" maxLength={REPORT_NOTE_MAX_CHARACTERS} />
        <SendButton />
        <span role="status" className={state.status === "error" ? "field-error" : "hint"}>
          {state.message}
        </span>
      </form>
    </details>
  );
}

function SendButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending}>
      Send report
    </button>
  );
}
