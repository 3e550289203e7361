// GET /api/admin/queue — reported and auto-hidden comments, most reported first (admins)
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { requireAdmin } from "@/lib/auth/guard";
import { listModerationQueue } from "@/lib/moderation/queue";

export const GET = apiRoute(async () => {
  await requireAdmin();
  return jsonResponse({ queue: await listModerationQueue(await getDb()) }, { headers: { "cache-control": "no-store" } });
});
