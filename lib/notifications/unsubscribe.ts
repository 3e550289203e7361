import { z } from "zod";
import type { Db } from "@/db/database";
import { AppError } from "@/lib/errors";
import { setEmailMode } from "./settings";
import { readUnsubscribeToken } from "./unsubscribe-token";

export const unsubscribeTokenSchema = z.string().min(1, "is missing").max(400, "is too long");

/** Turns off the notification emails of the reader the token names; a token not made here is a 404. */
export async function unsubscribeByToken(db: Db, secret: string, token: string): Promise<void> {
  const userId = readUnsubscribeToken(secret, token);
  if (!userId) throw new AppError("not_found", "This unsubscribe link is not valid.");
  await setEmailMode(db, userId, "off");
}
