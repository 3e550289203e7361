// GET /api/cron/notifications — one pass of the notification email sender (Vercel Cron calls it, see
// vercel.json; any scheduler can). Authorised by `Authorization: Bearer <CRON_SECRET>`.
import { timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sendNotificationEmails } from "@/lib/notifications/sender";
import { senderOptionsFromEnv } from "@/lib/notifications/sender-config";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request) => {
  const env = getEnv();
  if (!env.CRON_SECRET) throw new AppError("not_found", "The notification sender is not enabled here (CRON_SECRET is not set).");
  const expected = Buffer.from(`Bearer ${env.CRON_SECRET}`);
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("unauthenticated", "Send Authorization: Bearer <CRON_SECRET>.");
  const configured = senderOptionsFromEnv(env);
  if ("missing" in configured) throw new AppError("unavailable", configured.missing);
  const run = await sendNotificationEmails(await getDb(), configured.options);
  return Response.json(run, { headers: { "cache-control": "no-store" } });
});
