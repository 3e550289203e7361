import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Data dictionary", description: "What the results exports contain, field by field." };

const CSV_COLUMNS: [string, string][] = [
  [
    "voter_id",
    "A pseudonym: HMAC-SHA256 of the reader’s account id under a server secret, first 20 hex digits. The same reader has the same id on every row and in every export; it cannot be traced back to a name or email without the secret.",
  ],
  ["proposal_id", "open-source, government-funding or treaties (stable ids)."],
  ["stance", "The reader’s current stance: -2 strongly oppose, -1 oppose, 0 unsure, 1 support, 2 strongly support."],
  ["day", "UTC day (YYYY-MM-DD) the vote took its current value."],
];

const JSON_FIELDS: [string, string][] = [
  ["generatedAt", "When the snapshot was computed (ISO 8601)."],
  ["proposals[].n, .tally.counts", 'Voters, and voters per stance (keys "-2" … "2").'],
  ["proposals[].support, .oppose", "Share supporting (1, 2) / opposing (-2, -1): estimate with a 95% Wilson interval (low, high), 0–1."],
  ["proposals[].mean", "Mean stance (−2…2) with a 95% Student-t interval and the sample standard deviation."],
  ["proposals[].tooUncertain", "true below 30 voters."],
  ["proposals[].trend[]", "End-of-day (UTC) voters and support share with its Wilson interval, for each day the tally changed."],
  ["proposals[].changes", "Current voters whose stance differs from the first they cast (since any withdrawal): toward support / toward opposition."],
  [
    "agreement[]",
    "For each pair a, b: readers who voted on both (n), the share on the same side (support/unsure/oppose), Pearson r of the stances, and the 5×5 cross-tab (rows: stance on a from −2; columns: stance on b).",
  ],
  ["profiles", "Readers who voted on every proposal, by the combination of sides they take, with counts and shares."],
  ["activity", "Visible comments and distinct participants per section; mostDiscussed lists the top three section ids."],
];

function Dictionary({ entries }: { entries: [string, string][] }) {
  return (
    <dl className="dictionary">
      {entries.map(([name, meaning]) => (
        <div key={name}>
          <dt>
            <code>{name}</code>
          </dt>
          <dd>{meaning}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function DataDictionaryPage() {
  return (
    <div className="results-page">
      <h1>Data dictionary</h1>
      <p className="lede">
        Agora publishes its results for anyone to check or study. Readers choose to take part, so treat these as the views of participants, not of a population.
      </p>
      <h2>
        <a href="/api/results/votes.csv">votes.csv</a> — one row per current vote
      </h2>
      <Dictionary entries={CSV_COLUMNS} />
      <h2>
        <a href="/api/results">/api/results</a> — the aggregates on the results page
      </h2>
      <Dictionary entries={JSON_FIELDS} />
      <p>
        <Link href="/results">Back to the results</Link>
      </p>
    </div>
  );
}
