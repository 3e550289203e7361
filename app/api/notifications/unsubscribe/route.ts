// POST /api/notifications/unsubscribe?token=… — turns a reader's notification emails off, no sign-in
// needed. The List-Unsubscribe target of every notification email: mail clients POST
// `List-Unsubscribe=One-Click` here (RFC 8058) and get 200; the /unsubscribe page's form posts here too
// and is sent back to it. The token (an HMAC of the reader's id) is the only authority; a GET changes
// nothing, because link scanners follow GETs.
import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute, readQuery } from "@/lib/api/route";
import { getAuth } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";
import { unsubscribeByToken, unsubscribeTokenSchema } from "@/lib/notifications/unsubscribe";

export const dynamic = "force-dynamic";

const querySchema = z.object({ token: unsubscribeTokenSchema });

export const POST = apiRoute(async (request) => {
  const { token } = readQuery(request, querySchema);
  const secret = getAuth().config.secret;
  if (!secret) throw new AppError("unavailable", "Sign-in is not configured here.");
  await unsubscribeByToken(await getDb(), secret, token);
  const fromPage = new URLSearchParams(await request.text().catch(() => "")).get("from") === "page";
  if (fromPage) {
    return new Response(null, { status: 303, headers: { location: `/unsubscribe?done=1`, "cache-control": "no-store" } });
  }
  return Response.json({ unsubscribed: true }, { headers: { "cache-control": "no-store" } });
});
