import type { Metadata } from "next";
import { essayActions } from "@/app/essays/essay-actions";
import { EssayArticle } from "@/components/essay/essay-article";
import { getLibrary } from "@/lib/content/essays";
import { loadEssayView } from "@/lib/essay-view";

// Rendered per request (the nonce policy needs it); the discussions come from the instance's one-second snapshot.
export const dynamic = "force-dynamic";

export function generateMetadata(): Metadata {
  const { home } = getLibrary();
  const description = home.description ?? `Read “${home.title}” section by section, discuss it, and vote on its ${home.proposals.length} proposals.`;
  return {
    title: { absolute: `${home.title} · Agora` },
    description,
    openGraph: { title: home.title, description, type: "article" },
    alternates: { types: { "application/atom+xml": [{ url: `/essays/${home.slug}/comments.atom`, title: `Comments on “${home.title}”` }] } },
  };
}

export default async function HomePage() {
  const essay = getLibrary().home;
  return <EssayArticle essay={essay} view={await loadEssayView(essay)} path="/" actions={essayActions} />;
}
