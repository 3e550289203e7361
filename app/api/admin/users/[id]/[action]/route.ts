// POST /api/admin/users/{id}/ban {"reason"} (required) | unban {"reason"?} | sign-out {"reason"?} — admins
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readOptionalJsonBody, readParams } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/guard";
import { userModerationActionSchema } from "@/lib/identifiers";
import { banUser, signOutUser, unbanUser } from "@/lib/moderation/moderate";
import { banInputSchema, moderationInputSchema, userParamsSchema } from "@/lib/moderation/schemas";

const paramsSchema = userParamsSchema.extend({ action: userModerationActionSchema });

export const POST = apiRoute(async (request, { params }: { params: Promise<{ id: string; action: string }> }) => {
  const { id, action } = await readParams(params, paramsSchema, "user or action");
  const actor = await requireAdmin();
  const db = await getDb();
  if (action === "ban") {
    const { reason } = await readOptionalJsonBody(request, banInputSchema);
    return jsonResponse({ user: await banUser(db, actor, { userId: id, reason }) });
  }
  const { reason } = await readOptionalJsonBody(request, moderationInputSchema);
  if (action === "sign-out") return jsonResponse({ user: await signOutUser(db, actor, { userId: id, reason }) });
  return jsonResponse({ user: await unbanUser(db, actor, { userId: id, reason }) });
});
