// PATCH /api/users/{id} — rename yourself (admins: anyone)
import { z } from "zod";
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute, readJsonBody, readParams } from "@/lib/api/route";
import { requireWriter } from "@/lib/auth/guard";
import { profileInputSchema, updateProfile } from "@/lib/profiles";

// User ids are UUIDs or similar tokens; a NUL or a slash cannot be one (and PostgreSQL refuses NUL).
const paramsSchema = z.object({ id: z.string().regex(/^[\w-]{1,100}$/) });

export const PATCH = apiRoute(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await readParams(params, paramsSchema, "user");
  const actor = await requireWriter();
  const input = await readJsonBody(request, profileInputSchema);
  return jsonResponse({ user: await updateProfile(await getDb(), actor, id, input) });
});
