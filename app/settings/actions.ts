"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireSignedIn } from "@/lib/auth/guard";
import { emailModeSchema, renewFeedToken, revokeFeedToken, setEmailMode } from "@/lib/notifications/settings";

const emailFormSchema = z.object({ emailMode: emailModeSchema });

/** The reply-email switch on /settings: off, immediately (batched), or a daily digest. */
export async function saveEmailMode(formData: FormData): Promise<void> {
  const reader = await requireSignedIn();
  const parsed = emailFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return; // only a forged form sends anything else; the page shows what is stored
  await setEmailMode(await getDb(), reader.id, parsed.data.emailMode);
  revalidatePath("/settings");
}

/** A new private replies-feed URL (the old one stops working). */
export async function renewFeed(): Promise<void> {
  const reader = await requireSignedIn();
  await renewFeedToken(await getDb(), reader.id);
  revalidatePath("/settings");
}

/** Turns the private replies feed off. */
export async function revokeFeed(): Promise<void> {
  const reader = await requireSignedIn();
  await revokeFeedToken(await getDb(), reader.id);
  revalidatePath("/settings");
}
