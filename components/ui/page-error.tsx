"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef } from "react";

interface Props {
  error: Error & { digest?: string };
  reset: () => void;
  /** What could not be shown, e.g. "this discussion". */
  what: string;
}

/** A segment's error boundary: says what failed in plain words, announces it, and offers a retry. */
export function PageError({ error, reset, what }: Props) {
  const router = useRouter();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    console.warn("Page error", error.digest ?? error.message);
    heading.current?.focus();
  }, [error]);
  const offline = typeof navigator !== "undefined" && !navigator.onLine;
  // A server component failed: refresh refetches it, reset re-renders the boundary's children.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div className="page-state" role="alert">
      <h1 ref={heading} tabIndex={-1}>
        Sorry, {what} could not be shown
      </h1>
      <p>
        {offline
          ? "You seem to be offline. Check your connection, then try again."
          : "Something went wrong on our side. It is usually brief; please try again."}
      </p>
      <p className="page-state-actions">
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
        <Link href="/">Back to the essay</Link>
      </p>
    </div>
  );
}
