// GET /api/sections/{id}/comments — a page of threads (the default first page from the shared snapshot); POST — comment on the section or reply
// POST's guard reads only the session: createComment's one statement checks the writer under a lock.
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readJsonBody, readParams } from "@/lib/api/route";
import { requireWriterId } from "@/lib/auth/guard";
import { getActor } from "@/lib/auth/session";
import { toApiComment } from "@/lib/comments/comment-nodes";
import { createCommentInputSchema, sectionParamsSchema } from "@/lib/comments/schemas";
import { sectionCommentsForReader } from "@/lib/comments/shared-threads";
import { createComment } from "@/lib/comments/write";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (request, { params }: Context) => {
  const { id } = await readParams(params, sectionParamsSchema, "section");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const page = await sectionCommentsForReader(await getDb(), await getActor(), { ...query, sectionId: id });
  return jsonResponse({ comments: page.comments.map(toApiComment), nextCursor: page.nextCursor }, { headers: { "cache-control": "no-store" } });
});

export const POST = apiRoute(async (request, { params }: Context) => {
  const { id } = await readParams(params, sectionParamsSchema, "section");
  const writer = await requireWriterId();
  const input = await readJsonBody(request, createCommentInputSchema);
  const comment = await createComment(await getDb(), writer, { sectionId: id, ...input });
  return jsonResponse({ comment: toApiComment(comment) }, { status: 201 });
});
