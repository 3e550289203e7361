// POST /api/admin/sections/{id}/lock|unlock — make a discussion read-only, or open it again {"reason"?} (admins)
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readOptionalJsonBody, readParams } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/guard";
import { sectionParamsSchema } from "@/lib/comments/schemas";
import { sectionModerationActionSchema } from "@/lib/identifiers";
import { setSectionLocked } from "@/lib/moderation/moderate";
import { moderationInputSchema } from "@/lib/moderation/schemas";

const paramsSchema = sectionParamsSchema.extend({ action: sectionModerationActionSchema });

export const POST = apiRoute(async (request, { params }: { params: Promise<{ id: string; action: string }> }) => {
  const { id, action } = await readParams(params, paramsSchema, "section or action");
  const actor = await requireAdmin();
  const { reason } = await readOptionalJsonBody(request, moderationInputSchema);
  return jsonResponse({ section: await setSectionLocked(await getDb(), actor, { sectionId: id, locked: action === "lock", reason }) });
});
