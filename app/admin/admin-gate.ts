import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/users";

/** The moderation pages do not exist for anyone but admins (404, not 403: nothing to discover). */
export async function requireAdminPage(): Promise<Actor> {
  const actor = await getActor();
  if (!actor || actor.role !== "admin") notFound();
  return actor;
}
