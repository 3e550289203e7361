import { getSectionsById } from "@/components/comments/data";
import { commentCountLabel } from "@/components/comments/section-discussion";
import type { EssaySection } from "@/lib/content/essays";

export async function TableOfContents({ sections }: { sections: EssaySection[] }) {
  // Counts come from sections.comment_count (kept by every write); without a database, no counts.
  const discussions = await getSectionsById().catch(() => null);
  return (
    <nav className="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">Contents</h2>
      <ol>
        {sections.map((section) => {
          const count = discussions?.get(section.id)?.commentCount;
          return (
            <li key={section.id} data-level={section.level}>
              <a href={`#${section.id}`}>
                {section.title}
                {count !== undefined && (
                  <>
                    <span className="toc-count" data-testid="toc-comment-count" aria-hidden="true">
                      {count}
                    </span>
                    <span className="visually-hidden">, {commentCountLabel(count)}</span>
                  </>
                )}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
