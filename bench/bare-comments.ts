import type { Db } from "@/db/database";
import type { Actor } from "@/lib/auth/users";

/** The comments domain's list function, as the comments branch defines it (lib/comments/queries.ts). */
export type ListSectionComments = (db: Db, viewer: Actor | null, input: { sectionId: string } & Record<string, unknown>) => Promise<unknown>;

/**
 * The function behind GET /api/sections/{id}/comments, or null while this branch does not have it:
 * imported by a computed path so this file compiles before the comments work is merged, and works
 * unchanged after. If the merged module names it differently, this is the one place to say so.
 */
export async function loadListSectionComments(): Promise<ListSectionComments | null> {
  const modulePath = "../lib/comments/queries";
  try {
    const loaded = (await import(modulePath)) as { listSectionComments?: unknown };
    return typeof loaded.listSectionComments === "function" ? (loaded.listSectionComments as ListSectionComments) : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") return null;
    throw error;
  }
}
