"use client";

import { getCsrfToken } from "next-auth/react";
import { useState } from "react";
import { OFFLINE_MESSAGE } from "@/components/ui/form-errors";
import type { ErrorBody } from "@/lib/api/responses";

/**
 * Asks next-auth to mail a sign-in link, the way its `signIn("email")` does, but reads the answer
 * itself: a refused address or a limit comes back as the shared error shape, shown next to the field
 * (`signIn` would only navigate away). On success next-auth names the "check your email" page.
 */
export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(email: string) {
    setPending(true);
    setError(null);
    try {
      const csrfToken = (await getCsrfToken()) ?? "";
      const response = await fetch("/api/auth/signin/email", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, csrfToken, callbackUrl, json: "true" }),
      });
      const body = (await response.json().catch(() => null)) as (Partial<ErrorBody> & { url?: string }) | null;
      if (response.ok && body?.url) {
        window.location.href = body.url;
        return;
      }
      const issue = body?.error?.issues?.find((candidate) => candidate.path === "email");
      setError(issue?.message ?? body?.error?.message ?? "We could not send the sign-in email. Please try again.");
    } catch {
      setError(OFFLINE_MESSAGE);
    }
    setPending(false);
  }

  return (
    <form
      className="auth-form"
      aria-labelledby="email-login-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send(String(new FormData(event.currentTarget).get("email") ?? ""));
      }}
    >
      <h2 id="email-login-title">Email me a sign-in link</h2>
      <label htmlFor="email">Email address</label>
      <input
        id="email"
        name="email"
        type="email"
        required
        autoComplete="email"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "email-error" : undefined}
      />
      <p id="email-error" className="field-error" aria-live="polite">
        {error}
      </p>
      <button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? "Sending…" : "Send link"}
      </button>
    </form>
  );
}
