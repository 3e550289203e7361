// GET /essays/{slug}/comments.atom — the essay's newest comments, every section, as an Atom feed.
import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute, readParams } from "@/lib/api/route";
import { essayPath, getEssay } from "@/lib/content/essays";
import { AppError } from "@/lib/errors";
import { atomResponse, renderAtom } from "@/lib/feeds/atom";
import { essayFeedEntries } from "@/lib/feeds/comment-feeds";
import { siteUrlFor } from "@/lib/feeds/site-url";
import { essaySlugSchema } from "@/lib/identifiers";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ slug: essaySlugSchema });

export const GET = apiRoute(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await readParams(params, paramsSchema, "essay");
  const essay = getEssay(slug);
  if (!essay) throw new AppError("not_found", "No such essay.");
  const site = siteUrlFor(request);
  const self = new URL(`/essays/${essay.slug}/comments.atom`, site).toString();
  const document = renderAtom({
    id: self,
    title: `Comments on “${essay.title}”`,
    alternate: new URL(essayPath(essay), site).toString(),
    self,
    entries: await essayFeedEntries(await getDb(), essay.slug, site),
  });
  return atomResponse(request, document);
});
