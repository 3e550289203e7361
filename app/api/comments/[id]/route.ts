// PATCH /api/comments/{id} — the author edits; DELETE — the author or an admin deletes (soft)
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readJsonBody, readParams } from "@/lib/api/route";
import { requireWriter } from "@/lib/auth/guard";
import { toApiComment } from "@/lib/comments/comment-nodes";
import { commentParamsSchema, editCommentInputSchema } from "@/lib/comments/schemas";
import { deleteComment, editComment } from "@/lib/comments/write";

type Context = { params: Promise<{ id: string }> };

export const PATCH = apiRoute(async (request, { params }: Context) => {
  const { id } = await readParams(params, commentParamsSchema, "comment");
  const actor = await requireWriter();
  const { body } = await readJsonBody(request, editCommentInputSchema);
  return jsonResponse({ comment: toApiComment(await editComment(await getDb(), actor, { commentId: id, body })) });
});

export const DELETE = apiRoute(async (_request, { params }: Context) => {
  const { id } = await readParams(params, commentParamsSchema, "comment");
  const actor = await requireWriter();
  return jsonResponse({ comment: toApiComment(await deleteComment(await getDb(), actor, { commentId: id })) });
});
