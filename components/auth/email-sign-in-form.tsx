"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <form
      className="auth-form"
      aria-labelledby="email-login-title"
      onSubmit={(event) => {
        event.preventDefault();
        const email = new FormData(event.currentTarget).get("email");
        setPending(true);
        void signIn("email", { email: String(email ?? ""), callbackUrl });
      }}
    >
      <h2 id="email-login-title">Email me a sign-in link</h2>
      <label htmlFor="email">Email address</label>
      <input id="email" name="email" type="email" required autoComplete="email" />
      <button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send link"}
      </button>
    </form>
  );
}
