import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EssayArticle } from "@/components/essay/essay-article";
import { getEssay, getLibrary } from "@/lib/content/essays";
import { loadEssayView } from "@/lib/essay-view";
import { essaySlugSchema } from "@/lib/identifiers";
import { essayActions } from "../essay-actions";

interface Props {
  params: Promise<{ slug: string }>;
}

const paramsSchema = z.object({ slug: essaySlugSchema });

// Each section's discussion and comment count are read per request.
export const dynamic = "force-dynamic";

// Every essay is known at build time; building them also validates every content file.
export function generateStaticParams() {
  return getLibrary().essays.map((essay) => ({ slug: essay.slug }));
}

async function essayFor(params: Props["params"]) {
  const parsed = paramsSchema.safeParse(await params);
  return parsed.success ? getEssay(parsed.data.slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const essay = await essayFor(params);
  return essay
    ? {
        title: essay.title,
        alternates: { types: { "application/atom+xml": [{ url: `/essays/${essay.slug}/comments.atom`, title: `Comments on “${essay.title}”` }] } },
      }
    : {};
}

export default async function EssayPage({ params }: Props) {
  const essay = await essayFor(params);
  if (!essay) notFound();
  return <EssayArticle essay={essay} view={await loadEssayView(essay)} path={`/essays/${essay.slug}`} actions={essayActions} />;
}
