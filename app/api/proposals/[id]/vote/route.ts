// PUT /api/proposals/{id}/vote — cast or change your vote; DELETE — withdraw it
import { getDb } from "@/db/client";
import { apiRoute, readJsonBody, readParams } from "@/lib/api/route";
import { requireWriter } from "@/lib/auth/guard";
import { contentIdSchema } from "@/lib/content/front-matter";
import { setVote } from "@/lib/votes/cast-vote";
import { voteInputSchema } from "@/lib/votes/vote-input";
import { z } from "zod";

type Context = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: contentIdSchema });
const noStore = { headers: { "cache-control": "no-store" } };

export const PUT = apiRoute(async (request, { params }: Context) => {
  const { id } = await readParams(params, paramsSchema, "proposal");
  const actor = await requireWriter();
  const { stance } = await readJsonBody(request, voteInputSchema);
  return Response.json(await setVote(await getDb(), actor, id, stance), noStore);
});

export const DELETE = apiRoute(async (_request, { params }: Context) => {
  const { id } = await readParams(params, paramsSchema, "proposal");
  const actor = await requireWriter();
  return Response.json(await setVote(await getDb(), actor, id, null), noStore);
});
