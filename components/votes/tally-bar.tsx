import { STANCE_LABELS, STANCES } from "@/lib/votes/stances";
import type { Tally } from "@/lib/votes/tally";

const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 100));

/** A proposal's distribution as a stacked bar, with the same numbers as text for everyone. */
export function TallyBar({ tally, label }: { tally: Tally; label: string }) {
  return (
    <figure className="tally" aria-label={label}>
      <div className="tally-bar" aria-hidden="true">
        {STANCES.map((stance) => {
          const count = tally.counts[String(stance) as keyof Tally["counts"]];
          return count > 0 ? <span key={stance} className={`tally-segment stance-${stance}`} style={{ flexGrow: count }} /> : null;
        })}
      </div>
      <figcaption>
        <ul className="tally-legend">
          {STANCES.map((stance) => {
            const count = tally.counts[String(stance) as keyof Tally["counts"]];
            return (
              <li key={stance} data-stance={stance}>
                <span className={`swatch stance-${stance}`} aria-hidden="true" />
                {STANCE_LABELS[stance]}: <strong data-testid={`tally-${stance}`}>{count}</strong> ({percent(count, tally.total)}%)
              </li>
            );
          })}
        </ul>
        <p className="tally-total">
          <span data-testid="tally-total">{tally.total}</span> {tally.total === 1 ? "vote" : "votes"} so far
        </p>
      </figcaption>
    </figure>
  );
}
