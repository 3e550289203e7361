import type { Metadata } from "next";
import { EMAIL_LINK_MAX_AGE_SECONDS } from "@/lib/auth/email-address";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function CheckEmailPage() {
  return (
    <div className="auth-page">
      <h1>Check your email</h1>
      <p>We sent you a sign-in link. It works once and expires in {EMAIL_LINK_MAX_AGE_SECONDS / 60} minutes.</p>
    </div>
  );
}
