// POST /api/admin/comments/{id}/hide|restore|dismiss — moderate a comment {"reason"?} (admins)
import { z } from "zod";
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readOptionalJsonBody, readParams } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/guard";
import { commentIdSchema, commentModerationActionSchema } from "@/lib/identifiers";
import { dismissReports, hideComment, restoreComment } from "@/lib/moderation/moderate";
import { moderationInputSchema } from "@/lib/moderation/schemas";

const ACTIONS = { hide: hideComment, restore: restoreComment, dismiss: dismissReports };
const paramsSchema = z.object({ id: commentIdSchema, action: commentModerationActionSchema });

export const POST = apiRoute(async (request, { params }: { params: Promise<{ id: string; action: string }> }) => {
  const { id, action } = await readParams(params, paramsSchema, "comment or action");
  const actor = await requireAdmin();
  const { reason } = await readOptionalJsonBody(request, moderationInputSchema);
  return jsonResponse({ comment: await ACTIONS[action](await getDb(), actor, { commentId: id, reason }) });
});
