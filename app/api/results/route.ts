// GET /api/results — every aggregate /results shows, as JSON (proposals, trends, agreement, profiles, activity)
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/route";
import { loadResults } from "@/lib/results/load-results";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () =>
  Response.json(await loadResults(await getDb()), {
    // Public and identical for everyone: shared caches may keep it briefly, well within "fresh in 5 s".
    headers: { "cache-control": "public, max-age=0, s-maxage=2, stale-while-revalidate=2" },
  }),
);
