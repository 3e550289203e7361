"use client";

import { useState, useTransition, type ReactNode } from "react";
import { OFFLINE_MESSAGE } from "@/components/ui/form-errors";
import { useAnnounce } from "./announcer";
import type { LoadThreads } from "./discussion-actions";
import { useHydrated } from "./use-hydrated";

interface Props {
  sectionId: string;
  query: { sort: string; stance?: string; limit?: string };
  cursor: string;
  /** The next page as a page of its own: the no-JavaScript way on. */
  href: string;
  /** The server action that renders the next page. */
  loadThreads: LoadThreads;
}

/** "Load more": appends the next page of threads in place; without JavaScript, a link to it. */
export function LoadMore({ sectionId, query, cursor, href, loadThreads }: Props) {
  const [pages, setPages] = useState<ReactNode[]>([]);
  const [next, setNext] = useState<string | null>(cursor);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const announce = useAnnounce();

  function load() {
    if (!next) return;
    startTransition(async () => {
      try {
        const page = await loadThreads({ sectionId, query: { ...query, cursor: next } });
        startTransition(() => {
          setPages((loaded) => [...loaded, page.threads]);
          setNext(page.nextCursor);
          setError(undefined);
        });
        announce(`${page.count} more ${page.count === 1 ? "comment" : "comments"} loaded.`);
      } catch {
        setError(navigator.onLine ? "Could not load more comments. Please try again." : OFFLINE_MESSAGE);
      }
    });
  }

  return (
    <>
      {pages.map((page, index) => (
        <div key={index} className="comment-page">
          {page}
        </div>
      ))}
      {next &&
        (hydrated ? (
          <button type="button" className="load-more" onClick={load} disabled={pending} aria-disabled={pending}>
            {pending ? "Loading…" : "Load more comments"}
          </button>
        ) : (
          <a className="load-more" href={href}>
            Load more comments
          </a>
        ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
