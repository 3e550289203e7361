import type { Metadata } from "next";
import { EssayArticle } from "@/components/essay/essay-article";
import { getLibrary } from "@/lib/content/essays";
import { loadReaderView } from "@/lib/reader-view";

export function generateMetadata(): Metadata {
  const { home } = getLibrary();
  return { title: { absolute: `${home.title} · Agora` }, description: home.description ?? home.sections[0]?.title };
}

export default async function HomePage() {
  return <EssayArticle essay={getLibrary().home} reader={await loadReaderView()} path="/" />;
}
