import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/database";
import { EMAIL_MODES, notifications, notificationSettings, users } from "@/db/schema";

export type EmailMode = (typeof EMAIL_MODES)[number];
export const emailModeSchema = z.enum(EMAIL_MODES, { error: "Choose off, immediate or daily." });

/** Private feed tokens: 32 random bytes, base64url (43 characters). */
export const feedTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a feed token");

export interface ReaderNotificationSettings {
  emailMode: EmailMode;
  feedToken: string | null;
  /** Whether the reader has an address to mail (email link, GitHub, Google: not the development login). */
  hasEmail: boolean;
}

/** The reader's settings; defaults (email off, no feed) for a reader who never changed them. */
export async function getNotificationSettings(db: DbOrTx, userId: string): Promise<ReaderNotificationSettings> {
  const [row] = await db
    .select({ emailMode: notificationSettings.emailMode, feedToken: notificationSettings.feedToken, email: users.email })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(eq(users.id, userId));
  return { emailMode: row?.emailMode ?? "off", feedToken: row?.feedToken ?? null, hasEmail: Boolean(row?.email) };
}

/**
 * Turns reply emails on (immediately or as a daily digest) or off. Turning them off also stops what
 * is queued: the sender finds nothing pending for this reader. Notifications written while email was
 * off are never mailed later (they were never queued).
 */
export async function setEmailMode(db: DbOrTx, userId: string, mode: EmailMode): Promise<void> {
  await db
    .insert(notificationSettings)
    .values({ userId, emailMode: mode })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { emailMode: mode } });
  if (mode === "off") {
    await db
      .update(notifications)
      .set({ emailState: "skipped" })
      .where(and(eq(notifications.recipientId, userId), eq(notifications.emailState, "pending")));
  }
}

/** A new private feed URL token for the reader's replies; the old one (if any) stops working at once. */
export async function renewFeedToken(db: DbOrTx, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(notificationSettings)
    .values({ userId, feedToken: token })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { feedToken: token } });
  return token;
}

/** Revokes the reader's private feed URL. */
export async function revokeFeedToken(db: DbOrTx, userId: string): Promise<void> {
  await db.update(notificationSettings).set({ feedToken: null }).where(eq(notificationSettings.userId, userId));
}

/** Whose private feed a token opens, or null. */
export async function readerOfFeedToken(db: DbOrTx, token: string): Promise<string | null> {
  const [row] = await db.select({ userId: notificationSettings.userId }).from(notificationSettings).where(eq(notificationSettings.feedToken, token));
  return row?.userId ?? null;
}
