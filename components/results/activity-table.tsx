import Link from "next/link";
import type { Results } from "@/lib/results/load-results";

/** Comments and distinct participants per section, most discussed marked. */
export function ActivityTable({ activity }: { activity: Results["activity"] }) {
  const top = new Set(activity.mostDiscussed);
  return (
    <table className="data-table" data-testid="activity-table">
      <caption>Discussion by section</caption>
      <thead>
        <tr>
          <th scope="col">Section</th>
          <th scope="col">Comments</th>
          <th scope="col">Participants</th>
        </tr>
      </thead>
      <tbody>
        {activity.sections.map((section) => (
          <tr key={section.id}>
            <th scope="row">
              <Link href={`/sections/${section.id}`} prefetch={false}>
                {section.title}
              </Link>
              {top.has(section.id) && <span className="badge">most discussed</span>}
            </th>
            <td>{section.commentCount}</td>
            <td>{section.participants}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
