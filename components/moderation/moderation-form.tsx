"use client";

import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import { IDLE, type FormStateAction } from "@/lib/form-actions/form-state";

interface Props {
  action: FormStateAction;
  /** Hidden fields: what the action acts on. */
  fields: Record<string, string | number>;
  label: string;
  /** "optional" shows a reason field; "required" makes it mandatory (a ban). */
  reason?: "optional" | "required";
}

/** One moderation button (with a reason when asked), its result announced beside it. */
export function ModerationForm({ action, fields, label, reason }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  const reasonId = useId();
  return (
    <form action={formAction} className="moderation-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {reason && (
        <>
          <label htmlFor={reasonId} className="visually-hidden">
            Reason for “{label}”{reason === "required" ? " (required)" : ""}
          </label>
          <input
            id={reasonId}
            name="reason"
            maxLength={500}
            required={reason === "required"}
            placeholder={reason === "required" ? "Reason (required)" : "Reason (optional)"}
          />
        </>
      )}
      <SubmitButton label={label} />
      <span role="status" className={state.status === "error" ? "field-error" : "hint"}>
        {state.message}
      </span>
    </form>
  );
}

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending}>
      {label}
    </button>
  );
}
