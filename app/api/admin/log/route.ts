// GET /api/admin/log?before={id} — the moderation log, newest first, 100 a page (admins)
import { z } from "zod";
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readQuery } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/guard";
import { listModerationLog } from "@/lib/moderation/log";

const querySchema = z.strictObject({ before: z.coerce.number().int().positive().optional() });

export const GET = apiRoute(async (request) => {
  await requireAdmin();
  const { before } = readQuery(request, querySchema);
  return jsonResponse({ log: await listModerationLog(await getDb(), { before }) }, { headers: { "cache-control": "no-store" } });
});
