import { MIN_RELIABLE_N } from "@/lib/stats/format";

/** "How to read these numbers": the method, and the caveat that matters most (self-selection). */
export function MethodNote() {
  return (
    <section className="method-note" aria-labelledby="method-title">
      <h2 id="method-title">How to read these numbers</h2>
      <ul>
        <li>
          <strong>Support</strong> counts “Support” and “Strongly support”; <strong>oppose</strong> counts the two opposing
          stances. Each share comes with a 95% <em>Wilson</em> interval: the range of shares that are consistent with these
          votes. Narrow intervals need many voters.
        </li>
        <li>
          The <strong>mean stance</strong> scores stances from −2 (strongly oppose) to +2 (strongly support); its interval uses
          Student’s t distribution.
        </li>
        <li>Below {MIN_RELIABLE_N} voters we still show the numbers, but flag them as too uncertain to read much into.</li>
        <li>
          <strong>Readers choose themselves.</strong> These are the views of people who read the essay and chose to vote — not
          a random sample of any population. The intervals describe sampling noise, not this bias.
        </li>
      </ul>
    </section>
  );
}
