"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireSignedIn } from "@/lib/auth/guard";
import { markAllNotificationsRead, markNotificationRead, notificationIdSchema } from "@/lib/notifications/inbox";

/** "Mark all read" on /notifications (works without JavaScript: a plain form post). */
export async function markAllRead(): Promise<void> {
  const reader = await requireSignedIn();
  await markAllNotificationsRead(await getDb(), reader.id);
  revalidatePath("/notifications");
}

/** "Mark read" on one notification. */
export async function markOneRead(formData: FormData): Promise<void> {
  const reader = await requireSignedIn();
  const id = notificationIdSchema.safeParse(formData.get("id"));
  if (!id.success) return; // a forged id: nothing of this reader's to mark
  await markNotificationRead(await getDb(), reader.id, id.data).catch(() => undefined);
  revalidatePath("/notifications");
}
