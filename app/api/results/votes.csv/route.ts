// GET /api/results/votes.csv — every current vote, pseudonymous, for researchers
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/route";
import { getAuth } from "@/lib/auth/options";
import { getEnv } from "@/lib/env";
import { votesCsv } from "@/lib/results/votes-export";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const secret = getEnv().EXPORT_SECRET ?? getAuth().config.secret ?? "";
  const db = await getDb();
  const lines = votesCsv(db, secret);
  // Pull the first chunk before answering, so a database error is a JSON 503, not a broken download.
  const first = await lines.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
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
