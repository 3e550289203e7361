import type { Db } from "@/db/database";
import type { Actor } from "@/lib/auth/users";
import { listSectionComments } from "@/lib/comments/queries";
import { toApiComment } from "@/lib/comments/view";

/** GET /api/sections/{id}/comments without Next.js: what the bare server answers that route with. */
export type ListSectionComments = (db: Db, viewer: Actor | null, input: { sectionId: string } & Record<string, unknown>) => Promise<unknown>;

/**
 * The route's work, step for step: the same domain function (hence the same single statement) and
 * the same public JSON shape (app/api/sections/[id]/comments/route.ts), so the bare limit serializes
 * what the app does. Kept as a loader so bare-server.ts needs no change when this does.
 */
export async function loadListSectionComments(): Promise<ListSectionComments | null> {
  return async (db, viewer, input) => {
    const page = await listSectionComments(db, viewer, input);
    return { comments: page.comments.map(toApiComment), nextCursor: page.nextCursor };
  };
}
