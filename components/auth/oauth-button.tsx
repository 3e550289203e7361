"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function OAuthButton({ provider, label, callbackUrl }: { provider: "github" | "google"; label: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="oauth-button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn(provider, { callbackUrl });
      }}
    >
      {pending ? "Redirecting…" : label}
    </button>
  );
}
