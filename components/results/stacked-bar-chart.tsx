import { STANCES, STANCE_LABELS } from "@/lib/votes/stances";
import type { Tally } from "@/lib/votes/tally";

const WIDTH = 600;
const HEIGHT = 28;

/**
 * The distribution over the five stances as a server-rendered SVG stacked bar. Colours come from CSS
 * (light and dark); the SVG is decorative for assistive technology, which reads the table beside it.
 */
export function StackedBarChart({ tally, caption }: { tally: Tally; caption: string }) {
  let x = 0;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height={HEIGHT} role="img" aria-label={caption} preserveAspectRatio="none">
        <rect className="chart-empty" x={0} y={0} width={WIDTH} height={HEIGHT} rx={4} />
        {tally.total > 0 &&
          STANCES.map((stance) => {
            const width = (tally.counts[String(stance) as keyof Tally["counts"]] / tally.total) * WIDTH;
            const rect = <rect key={stance} className={`stance-fill-${stance + 2}`} x={x} y={0} width={width} height={HEIGHT} />;
            x += width;
            return rect;
          })}
      </svg>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {STANCES.map((stance) => (
              <th key={stance} scope="col">
                <span className={`swatch stance-${stance}`} aria-hidden="true" />
                {STANCE_LABELS[stance]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {STANCES.map((stance) => {
              const count = tally.counts[String(stance) as keyof Tally["counts"]];
              return (
                <td key={stance}>
                  {count} <span className="muted">({tally.total === 0 ? 0 : Math.round((count / tally.total) * 100)}%)</span>
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </figure>
  );
}
