"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the server component page every few seconds while the tab is visible (no full reload,
 * no polling in background tabs), so a new vote appears within the promised 5 seconds. It waits while
 * the focus is inside a part rendered as one HTML string (`data-snapshot`, see static-html.ts): a
 * refresh that changed that part would replace the link a keyboard reader is on.
 */
export function AutoRefresh({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === "visible" && !document.activeElement?.closest("[data-snapshot]")) router.refresh();
    };
    const timer = setInterval(tick, everyMs);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [router, everyMs]);
  return null;
}
