// GET|POST /api/auth/* — next-auth: sign-in providers, callbacks, csrf, session, sign-out
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/api/responses";
import { isAuthCallbackUrl } from "@/lib/auth/callback-url";
import { admitEmailSignIn } from "@/lib/auth/email-sign-in";
import { getAuth } from "@/lib/auth/options";
import { hitSignInLimit } from "@/lib/auth/sign-in-limit";
import { AppError } from "@/lib/errors";

type Context = { params: Promise<{ nextauth: string[] }> };

// Sign-in attempts (a credentials callback, an OAuth or email sign-in start) count against the
// per-client limit before next-auth sees them; csrf, session and sign-out do not. An email sign-in
// start must also name one valid address, within its own limit.
const SIGN_IN_ACTIONS = new Set(["callback", "signin"]);

function handler(request: Request, context: Context) {
  const callbackUrl = new URL(request.url).searchParams.get("callbackUrl");
  if (callbackUrl && !isAuthCallbackUrl(callbackUrl)) {
    return errorResponse(
      new AppError("invalid_input", "callbackUrl must be a path on this site or an http(s) URL.", [{ path: "callbackUrl", message: "is not a valid URL" }]),
    );
  }
  return NextAuth(request as never, context as never, getAuth().options);
}

async function post(request: Request, context: Context) {
  const [action, provider] = (await context.params).nextauth;
  if (action && SIGN_IN_ACTIONS.has(action)) {
    try {
      const db = await getDb();
      await hitSignInLimit(db, request.headers);
      if (action === "signin" && provider === "email" && getAuth().config.email) await admitEmailSignIn(db, request);
    } catch (error) {
      return errorResponse(error);
    }
  }
  return handler(request, context);
}

export { handler as GET, post as POST };
