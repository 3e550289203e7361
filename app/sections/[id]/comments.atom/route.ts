// GET /sections/{id}/comments.atom — one section's newest comments as an Atom feed.
import { getDb } from "@/db/client";
import { apiRoute, readParams } from "@/lib/api/route";
import { sectionParamsSchema } from "@/lib/comments/schemas";
import { getDiscussionSection } from "@/lib/comments/sections";
import { AppError } from "@/lib/errors";
import { atomResponse, renderAtom } from "@/lib/feeds/atom";
import { sectionFeedEntries } from "@/lib/feeds/comment-feeds";
import { siteUrlFor } from "@/lib/feeds/site-url";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await readParams(params, sectionParamsSchema, "section");
  const db = await getDb();
  const section = await getDiscussionSection(db, id);
  if (!section) throw new AppError("not_found", "No such section.");
  const site = siteUrlFor(request);
  const self = new URL(`/sections/${id}/comments.atom`, site).toString();
  const document = renderAtom({
    id: self,
    title: `Comments on “${section.title}”`,
    alternate: new URL(`/sections/${id}`, site).toString(),
    self,
    entries: await sectionFeedEntries(db, id, site),
  });
  return atomResponse(request, document);
});
