"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

/** One polite live region per discussion: forms and buttons inside it announce what happened. */
export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback((text: string) => {
    // Clear first so the same words twice ("Upvoted.") are announced twice.
    setMessage("");
    requestAnimationFrame(() => setMessage(text));
  }, []);
  return (
    <AnnounceContext value={announce}>
      {children}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="discussion-status">
        {message}
      </p>
    </AnnounceContext>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
