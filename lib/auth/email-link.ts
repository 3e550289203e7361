import type { SendVerificationRequestParams } from "next-auth/providers/email";
import { createTransport } from "nodemailer";
import { escapeHtml } from "@/lib/escape-html";
import { safeCallbackPath } from "./callback-url";
import type { AuthConfig } from "./config";
import { EMAIL_LINK_MAX_AGE_SECONDS } from "./email-address";

/**
 * next-auth's `sendVerificationRequest`, with two differences from its default. The link must point
 * at AUTH_URL: next-auth builds it from NEXTAUTH_URL when set, else — with AUTH_TRUST_HOST or on
 * Vercel — from the request's X-Forwarded-Host, so a poisoned header would mail a valid token pointing
 * at another site; a link to any other origin is refused here, whatever built it. And the recipient
 * goes to the mailer as an address object, never as a string it would parse as a list of addresses.
 * The link lands on /welcome (which offers reply emails to a reader who has them off) before going on to
 * the page the reader signed in from; the token does not cover the callbackUrl, so this changes nothing else.
 */
export function signInLinkSender(config: Pick<AuthConfig, "url">) {
  return async ({ identifier, url: nextAuthUrl, provider }: SendVerificationRequestParams): Promise<void> => {
    const link = new URL(nextAuthUrl);
    const origin = config.url ? new URL(config.url).origin : null;
    if (link.origin !== origin) {
      throw new Error(`Refusing to mail a sign-in link to ${link.origin}: sign-in links point at AUTH_URL (${origin ?? "not set"}).`);
    }
    const landing = new URL("/welcome", origin);
    landing.searchParams.set("next", safeCallbackPath(link.searchParams.get("callbackUrl"), origin));
    link.searchParams.set("callbackUrl", landing.toString());
    const url = link.toString();
    const minutes = Math.round(EMAIL_LINK_MAX_AGE_SECONDS / 60);
    const result = await createTransport(provider.server).sendMail({
      to: { name: "", address: identifier },
      from: provider.from,
      subject: `Sign in to ${link.host}`,
      text: `Sign in to ${link.host}:\n${url}\n\nThe link works once, within ${minutes} minutes. If you did not ask for it, ignore this email.\n`,
      html:
        `<p>Sign in to <strong>${escapeHtml(link.host)}</strong>:</p>` +
        `<p><a href="${escapeHtml(url)}">Sign in</a></p>` +
        `<p>The link works once, within ${minutes} minutes. If you did not ask for it, ignore this email.</p>`,
    });
    const failed = [...result.rejected, ...(result.pending ?? [])].filter(Boolean);
    if (failed.length > 0) throw new Error(`The sign-in email to ${identifier} could not be sent.`);
  };
}
