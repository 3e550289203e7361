import type { Results } from "@/lib/results/load-results";
import { formatPercent } from "@/lib/stats/format";

const SIDE_WORDS = { support: "Supports", unsure: "Unsure", oppose: "Opposes" } as const;

/** Opinion profiles: the combinations of sides readers take across all proposals, most common first. */
export function ProfilesTable({ profiles, titles }: { profiles: Results["profiles"]; titles: Map<string, string> }) {
  if (profiles.readers === 0) return <p className="muted">No reader has voted on every proposal yet.</p>;
  const ids = [...titles.keys()];
  return (
    <table className="data-table" data-testid="profiles-table">
      <caption>Opinion profiles of the {profiles.readers} readers who voted on every proposal</caption>
      <thead>
        <tr>
          {ids.map((id) => (
            <th key={id} scope="col">
              {titles.get(id)}
            </th>
          ))}
          <th scope="col">Readers</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {profiles.profiles.map((profile) => (
          <tr key={ids.map((id) => profile.sides[id]).join("/")}>
            {ids.map((id) => (
              <td key={id}>{profile.sides[id] ? SIDE_WORDS[profile.sides[id]] : "—"}</td>
            ))}
            <td>{profile.count}</td>
            <td>{formatPercent(profile.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
