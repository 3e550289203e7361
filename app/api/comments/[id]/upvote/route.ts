// PUT /api/comments/{id}/upvote — upvote; DELETE — withdraw it. Both idempotent: {"score","myUpvote"}
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readParams } from "@/lib/api/route";
import { requireWriter } from "@/lib/auth/guard";
import { commentParamsSchema } from "@/lib/comments/schemas";
import { setUpvote } from "@/lib/comments/upvotes";

type Context = { params: Promise<{ id: string }> };

const upvoteRoute = (upvote: boolean) =>
  apiRoute(async (_request, { params }: Context) => {
    const { id } = await readParams(params, commentParamsSchema, "comment");
    const actor = await requireWriter();
    return jsonResponse(await setUpvote(await getDb(), actor, { commentId: id, upvote }));
  });

export const PUT = upvoteRoute(true);
export const DELETE = upvoteRoute(false);
