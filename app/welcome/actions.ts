"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { appOrigin } from "@/lib/auth/app-origin";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { requireSignedIn } from "@/lib/auth/guard";
import { setEmailMode } from "@/lib/notifications/settings";

/** "Email me replies" on the sign-in landing: turns reply emails on (soon after), then goes on to where the reader was going. */
export async function turnOnReplyEmails(formData: FormData): Promise<void> {
  const reader = await requireSignedIn();
  await setEmailMode(await getDb(), reader.id, "immediate");
  redirect(safeCallbackPath(formData.get("next"), appOrigin(await headers())));
}
