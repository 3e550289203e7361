import Link from "next/link";

export default function NotFound() {
  return (
    <div className="essay">
      <h1>Not found</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link href="/">Read the essay</Link>
      </p>
    </div>
  );
}
