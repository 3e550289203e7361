import type { EssaySection } from "@/lib/content/essays";

export function TableOfContents({ sections }: { sections: EssaySection[] }) {
  return (
    <nav className="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">Contents</h2>
      <ol>
        {sections.map((section) => (
          <li key={section.id} data-level={section.level}>
            <a href={`#${section.id}`}>{section.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
