// GET /feeds/replies/{token} — a reader's private Atom feed of replies to them. The token (created,
// replaced and revoked on /settings) is the only authority: feed readers send no cookies.
import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute, readParams } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { atomResponse, renderAtom } from "@/lib/feeds/atom";
import { repliesFeedEntries } from "@/lib/feeds/comment-feeds";
import { siteUrlFor } from "@/lib/feeds/site-url";
import { feedTokenSchema, readerOfFeedToken } from "@/lib/notifications/settings";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ token: feedTokenSchema });

export const GET = apiRoute(async (request, { params }: { params: Promise<{ token: string }> }) => {
  const { token } = await readParams(params, paramsSchema, "feed");
  const db = await getDb();
  const readerId = await readerOfFeedToken(db, token);
  if (!readerId) throw new AppError("not_found", "No such feed (its address may have been replaced).");
  const site = siteUrlFor(request);
  const self = new URL(`/feeds/replies/${token}`, site).toString();
  const document = renderAtom({
    id: self,
    title: "Replies to you on Agora",
    alternate: new URL("/notifications", site).toString(),
    self,
    entries: await repliesFeedEntries(db, readerId, site),
  });
  return atomResponse(request, document, { privateFeed: true });
});
