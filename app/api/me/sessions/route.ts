// DELETE /api/me/sessions — sign out everywhere: end every session of the signed-in reader
import { getDb } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { requireSignedIn } from "@/lib/auth/guard";
import { endUserSessions } from "@/lib/auth/server-sessions";

export const DELETE = apiRoute(async () => {
  const actor = await requireSignedIn();
  return jsonResponse({ ended: await endUserSessions(await getDb(), actor.id) });
});
