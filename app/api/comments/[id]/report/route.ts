// POST /api/comments/{id}/report — report a comment {"reason","note"?}; again → 200, created: false
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readJsonBody, readParams } from "@/lib/api/route";
import { requireWriter } from "@/lib/auth/guard";
import { commentParamsSchema } from "@/lib/comments/schemas";
import { reportComment } from "@/lib/moderation/reports";
import { reportInputSchema } from "@/lib/moderation/schemas";

type Context = { params: Promise<{ id: string }> };

export const POST = apiRoute(async (request, { params }: Context) => {
  const { id } = await readParams(params, commentParamsSchema, "comment");
  const actor = await requireWriter();
  const input = await readJsonBody(request, reportInputSchema);
  const result = await reportComment(await getDb(), actor, { commentId: id, ...input });
  return jsonResponse({ report: { ...result, received: true } }, { status: result.created ? 201 : 200 });
});
