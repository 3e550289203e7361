import type { Db } from "@/db/database";
import { readFormOrJsonBody } from "@/lib/api/route";
import { emailSignInBodySchema } from "./email-address";
import { hitEmailLinkLimit } from "./sign-in-limit";

/**
 * What an email sign-in request (POST /api/auth/signin/email) must pass before next-auth mails a link:
 * one valid address (400 invalid_input naming `email` otherwise — next-auth would only redirect to its
 * error page) and the per-address limit (429). Reads a copy of the body: next-auth reads the original.
 */
export async function admitEmailSignIn(db: Db, request: Request): Promise<void> {
  const { email } = await readFormOrJsonBody(request.clone(), emailSignInBodySchema);
  await hitEmailLinkLimit(db, email);
}
