"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { appOrigin } from "@/lib/auth/app-origin";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { assertSameOrigin } from "@/lib/auth/guard";
import { getAuth } from "@/lib/auth/options";
import { endEverySession, endSession, startSession } from "@/lib/auth/session";
import { hitSignInLimit } from "@/lib/auth/sign-in-limit";
import { devNameSchema, findOrCreateDevUser } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { formAction } from "@/lib/form-actions/form-action";

const devSignInSchema = z.object({ name: devNameSchema, callbackUrl: z.string().optional() });

/** The development login as a plain form post: works without JavaScript. */
export const devSignIn = formAction("public", devSignInSchema, async ({ name, callbackUrl }) => {
  if (!getAuth().config.devLogin) throw new AppError("forbidden", "The development login is turned off on this server.");
  const db = await getDb();
  const requestHeaders = await headers();
  await hitSignInLimit(db, requestHeaders);
  const user = await findOrCreateDevUser(db, name);
  await startSession(user, "dev");
  redirect(safeCallbackPath(callbackUrl, appOrigin(requestHeaders)));
});

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/");
}

/** Ends every session of the signed-in reader (other browsers, copied cookies, scripts), this one too. */
export async function signOutEverywhere(): Promise<void> {
  assertSameOrigin(await headers());
  await endEverySession();
  redirect("/signin?signedOut=everywhere");
}
