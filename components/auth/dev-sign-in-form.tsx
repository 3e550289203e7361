"use client";

import { errorMessage } from "@/components/ui/form-errors";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormStateAction } from "@/lib/form-actions/form-state";

/** Works without JavaScript: a plain form post to a server action that sets the session cookie. */
export function DevSignInForm({ callbackUrl, signIn }: { callbackUrl: string; signIn: FormStateAction }) {
  const [state, action, pending] = useFormAction(signIn);
  const error = state.fieldErrors?.name ?? errorMessage(state);
  return (
    <form action={action} className="auth-form" aria-labelledby="dev-login-title">
      <h2 id="dev-login-title">Development login</h2>
      <p className="hint">For trying Agora locally: pick any display name. The same name is the same reader.</p>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor="dev-name">Display name</label>
      <input
        id="dev-name"
        name="name"
        required
        maxLength={40}
        autoComplete="nickname"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "dev-name-error" : undefined}
      />
      <p id="dev-name-error" className="field-error" aria-live="polite">
        {error}
      </p>
      <button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
