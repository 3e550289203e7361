// GET /api/proposals — every proposal with its tally and the caller's own stance
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { getActor } from "@/lib/auth/session";
import { listProposals } from "@/lib/votes/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const actor = await getActor();
  return jsonResponse(await listProposals(await getDb(), actor?.id ?? null), { headers: { "cache-control": "private, no-store" } });
});
