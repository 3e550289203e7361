// GET /api/results — every aggregate /results shows, as JSON (proposals, trends, agreement, profiles, activity)
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/route";
import { getResultsSnapshot } from "@/lib/results/results-snapshot";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const { json } = await getResultsSnapshot(await getDb());
  return new Response(json, {
    headers: {
      "content-type": "application/json",
      // Public and identical for everyone: shared caches may keep it briefly, well within "fresh in 5 s".
      "cache-control": "public, max-age=0, s-maxage=2, stale-while-revalidate=2",
    },
  });
});
