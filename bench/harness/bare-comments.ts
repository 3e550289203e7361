import type { Db } from "@/db/database";
import type { Actor } from "@/lib/auth/users";
import { toApiComment } from "@/lib/comments/comment-nodes";
import { listSectionComments } from "@/lib/comments/queries";

/** GET /api/sections/{id}/comments without Next.js: what the bare server answers that route with. */
export type ListSectionComments = (db: Db, actor: Actor | null, input: { sectionId: string } & Record<string, unknown>) => Promise<unknown>;

/**
 * The route's work, step for step: the same domain function (hence the same single statement) and
 * the same public JSON shape (app/api/sections/[id]/comments/route.ts), so the bare limit serializes
 * what the app does. Kept as a loader so bare-server.ts needs no change when this does.
 */
export async function loadListSectionComments(): Promise<ListSectionComments | null> {
  return async (db, actor, input) => {
    const page = await listSectionComments(db, actor, input);
    return { comments: page.comments.map(toApiComment), nextCursor: page.nextCursor };
  };
}
