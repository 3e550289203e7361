import { z } from "zod";

/**
 * One email address to mail a sign-in link to — nothing a mailer would read as something else. Handed
 * `sp ace@example.org` or `q@exa mple.org`, nodemailer parses a list with display names and mails
 * `ace@example.org` or `q@exa`; quotes, CR/LF, `Name <addr>` and a second `@` open the same door. So
 * only zod's practical address pattern passes (ASCII letters, digits and `_'+-.` before a single `@`,
 * a dotted domain after), spaces around it are dropped as a typing slip, and it is lower-cased: one
 * reader, one address, however it was typed (the accounts table stores it that way too).
 */
export const emailAddressSchema = z
  .string({ error: "Enter your email address." })
  .max(254, "An email address has at most 254 characters.")
  .transform((value) => value.replace(/^ +| +$/g, ""))
  .pipe(z.email({ error: "Enter one email address, like ada@example.org — no spaces, quotes, names or second @." }))
  .transform((value) => value.toLowerCase());

/** The part of an email sign-in request (POST /api/auth/signin/email) checked before next-auth sees it. */
export const emailSignInBodySchema = z.looseObject({ email: emailAddressSchema });

/** A sign-in link works once, for 15 minutes: long enough to open the mail, short for a leaked one. */
export const EMAIL_LINK_MAX_AGE_SECONDS = 15 * 60;

/** For next-auth's `normalizeIdentifier`: the address as stored, or an error (next-auth then sends nothing). */
export function normalizeEmailAddress(identifier: string): string {
  const parsed = emailAddressSchema.safeParse(identifier);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Invalid email address.");
  return parsed.data;
}
