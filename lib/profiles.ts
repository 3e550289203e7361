import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { users } from "@/db/schema";
import { assertOwnerOrAdmin } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";

export const profileInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(40, "must be at most 40 characters")
    .refine((name) => name === "" || /[^\s\p{Cf}]/u.test(name), "must contain a visible character"),
});

export interface PublicProfile {
  id: string;
  name: string;
  image: string | null;
}

/** A reader renames themself (an admin may rename anyone, e.g. an abusive name). */
export async function updateProfile(db: Db, actor: Actor, userId: string, input: z.infer<typeof profileInputSchema>): Promise<PublicProfile> {
  const [target] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!target) throw new AppError("not_found", "No such user.");
  assertOwnerOrAdmin(actor, target.id, "this profile");
  const [updated] = await db.update(users).set({ name: input.name }).where(eq(users.id, userId)).returning();
  return { id: updated!.id, name: updated!.name ?? input.name, image: updated!.image };
}
