"use client";

/** Shown when a page cannot be rendered (most often: the database is unreachable for a moment). */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="essay" role="alert">
      <h1>Something went wrong</h1>
      <p>This page is unavailable for a moment. Your votes and comments are safe; please try again shortly.</p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
