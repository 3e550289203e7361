import type { Metadata } from "next";
import { EssayArticle } from "@/components/essay/essay-article";
import { getLibrary } from "@/lib/content/essays";

// Each section's discussion and comment count are read per request.
export const dynamic = "force-dynamic";

export function generateMetadata(): Metadata {
  const { home } = getLibrary();
  return { title: { absolute: `${home.title} · Agora` }, description: home.description ?? home.sections[0]?.title };
}

export default function HomePage() {
  return <EssayArticle essay={getLibrary().home} />;
}
