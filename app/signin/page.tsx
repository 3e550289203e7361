import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { DevSignInForm } from "@/components/auth/dev-sign-in-form";
import { EmailSignInForm } from "@/components/auth/email-sign-in-form";
import { OAuthButton } from "@/components/auth/oauth-button";
import { appOrigin } from "@/lib/auth/app-origin";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getAuth } from "@/lib/auth/options";
import { getActor } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { devSignIn } from "./actions";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: Props) {
  const query = await searchParams;
  // Without an explicit target, go back to the page the reader came from.
  const requestHeaders = await headers();
  const callbackUrl = safeCallbackPath(query.callbackUrl ?? requestHeaders.get("referer"), appOrigin(requestHeaders));
  if (await getActor()) redirect(callbackUrl);
  const { config } = getAuth();
  const error = typeof query.error === "string" ? signInErrorMessage(query.error) : null;
  const anyProvider = config.github || config.google || config.email || config.devLogin;

  return (
    <div className="auth-page">
      <h1>Sign in to take part</h1>
      <p className="lede">Reading is open to everyone. To vote, comment or report, sign in.</p>
      {query.signedOut === "everywhere" && (
        <p role="status" className="form-success">
          You are signed out everywhere: every browser and app that was signed in as you is signed out.
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="auth-options">
        {config.github && <OAuthButton provider="github" label="Continue with GitHub" callbackUrl={callbackUrl} />}
        {config.google && <OAuthButton provider="google" label="Continue with Google" callbackUrl={callbackUrl} />}
        {config.email && <EmailSignInForm callbackUrl={callbackUrl} />}
        {config.devLogin && <DevSignInForm callbackUrl={callbackUrl} signIn={devSignIn} />}
        {!anyProvider && <p>No way to sign in is configured on this server yet. Its operator needs to set one up.</p>}
      </div>
    </div>
  );
}
