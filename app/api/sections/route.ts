// GET /api/sections — every section with its comment count and whether its discussion is locked
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { listDiscussionSections } from "@/lib/comments/sections";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const sections = await listDiscussionSections(await getDb());
  return jsonResponse(sections.map(({ id, title, commentCount, locked }) => ({ id, title, commentCount, locked })));
});
