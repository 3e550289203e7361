import type { ComponentProps } from "react";

/**
 * A section of /results whose content is one HTML string made once per snapshot (static-html.ts).
 * `data-snapshot` is what AutoRefresh looks for: while the focus is inside, it waits to refresh.
 */
export function SnapshotSection({ html, ...attributes }: { html: string } & Omit<ComponentProps<"section">, "children" | "dangerouslySetInnerHTML">) {
  return <section {...attributes} data-snapshot dangerouslySetInnerHTML={{ __html: html }} />;
}
