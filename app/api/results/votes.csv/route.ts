// GET /api/results/votes.csv — every current vote, pseudonymous, for researchers
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/route";
import { getAuth } from "@/lib/auth/options";
import { getEnv } from "@/lib/env";
import { getVotesCsvSnapshot } from "@/lib/results/results-snapshot";

export const dynamic = "force-dynamic";

// Built once per results snapshot and shared (a full read of the votes is not per-request work); a
// database error while building it is a JSON 503, before any of the download is sent.
export const GET = apiRoute(async () => {
  const secret = getEnv().EXPORT_SECRET ?? getAuth().config.secret ?? "";
  const { chunks } = await getVotesCsvSnapshot(await getDb(), secret);
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="agora-votes-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
