import Link from "next/link";

/** A segment's not-found page: what is missing, and where to go instead. */
export function PageNotFound({ what, explanation }: { what: string; explanation: string }) {
  return (
    <div className="page-state">
      <h1>{what} not found</h1>
      <p>{explanation}</p>
      <p className="page-state-actions">
        <Link href="/">Read the essay</Link>
        <Link href="/results">See the results</Link>
      </p>
    </div>
  );
}
