// PUT /api/proposals/{id}/vote — cast or change your vote; DELETE — withdraw it
// The write guard reads only the session: agora_set_vote checks the writer (exists, not banned) under its lock.
import { z } from "zod";
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readJsonBody, readParams } from "@/lib/api/route";
import { requireWriterId } from "@/lib/auth/guard";
import { proposalIdSchema } from "@/lib/identifiers";
import { setVote } from "@/lib/votes/cast-vote";
import { voteInputSchema } from "@/lib/votes/vote-input";

type Context = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: proposalIdSchema });
const noStore = { headers: { "cache-control": "no-store" } };

export const PUT = apiRoute(async (request, { params }: Context) => {
  const { id } = await readParams(params, paramsSchema, "proposal");
  const writer = await requireWriterId();
  const { stance } = await readJsonBody(request, voteInputSchema);
  return jsonResponse(await setVote(await getDb(), writer, id, stance), noStore);
});

export const DELETE = apiRoute(async (_request, { params }: Context) => {
  const { id } = await readParams(params, paramsSchema, "proposal");
  const writer = await requireWriterId();
  return jsonResponse(await setVote(await getDb(), writer, id, null), noStore);
});
