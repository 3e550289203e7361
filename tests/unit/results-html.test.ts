import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProposalResultCard } from "@/components/results/proposal-result-card";
import { ActivitySection, AgreementSection } from "@/components/results/results-sections";
import { snapshotHtml } from "@/components/results/static-html";
import type { ProposalResults, Results } from "@/lib/results/load-results";
import { proposalResult } from "@/lib/results/proposal-results";
import { trendFromDeltas } from "@/lib/results/trend";
import { MIN_RELIABLE_N } from "@/lib/stats/format";

// /results renders its figures and tables as HTML strings made once per snapshot (static-html.ts).
// React no longer escapes them, so these tests hold the builders to what React guaranteed.

const HOSTILE = `<img src=x onerror="alert(1)"> & "quotes"`;

function resultOf(id: string, title: string, counts: [number, number, number, number, number]): ProposalResults {
  const [a, b, c, d, e] = counts;
  const tally = { counts: { "-2": a, "-1": b, "0": c, "1": d, "2": e }, total: a + b + c + d + e };
  return {
    ...proposalResult({ id, title, summary: "", sectionId: "s", tally }),
    trend: trendFromDeltas([
      { day: "2026-11-01", stance: 1, delta: 3 },
      { day: "2026-11-02", stance: -1, delta: 2 },
    ]),
    changes: { changedReaders: 1, towardSupport: 1, towardOppose: 0 },
  };
}

const render = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

/** The markup outside quoted attribute values: where a title's "<img" would become an element. */
const outsideAttributes = (html: string) => html.replace(/="[^"]*"/g, '=""');

describe("snapshotHtml", () => {
  it("builds a part once per snapshot object and variant, and again for a new snapshot", () => {
    let builds = 0;
    const build = () => {
      builds++;
      return { type: "text" as const, value: `build ${builds}` };
    };
    const snapshot = {};
    expect(snapshotHtml(snapshot, "a", build)).toBe("build 1");
    expect(snapshotHtml(snapshot, "a", build)).toBe("build 1");
    expect(snapshotHtml(snapshot, "b", build)).toBe("build 2");
    expect(snapshotHtml({}, "a", build)).toBe("build 3");
    expect(builds).toBe(3);
  });
});

describe("a proposal's result card", () => {
  it("escapes the title everywhere it appears and keeps the card's links, figures and trend", () => {
    const html = render(createElement(ProposalResultCard, { result: resultOf("open-source", HOSTILE, [1, 2, 3, 4, 5]) }));
    expect(outsideAttributes(html)).not.toContain("<img");
    expect(html).toContain('aria-label="How 15 readers voted on “<img src=x onerror=&#x22;alert(1)&#x22;> &#x26; &#x22;quotes&#x22;”"');
    expect(html).toContain('<a href="/proposals/open-source">&#x3C;img src=x onerror="alert(1)"> &#x26; "quotes"</a>');
    expect(html).toMatch(/^<section class="result-card" aria-labelledby="result-open-source" data-result-id="open-source" data-snapshot="true">/);
    expect(html).toContain('<dd data-testid="result-n">15</dd>');
    expect(html).toContain(`with fewer than ${MIN_RELIABLE_N} voters`);
    // The bar's five fills add up to the full width, without long decimals.
    const widths = [...html.matchAll(/class="stance-fill-\d" x="[\d.]+" y="0" width="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(5);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(600, 1);
    expect(widths.every((width) => /^\d+(\.\d{1,2})?$/.test(String(width)))).toBe(true);
    expect(html).toContain('<a href="/results/trends#trend-open-source">Every day as a table</a>');
    expect(html).toContain("1 current voter has changed their stance since their first vote: 1 toward support, 0 toward opposition.");
  });

  it("says so when no one has voted, with no figures and no trend", () => {
    const result = { ...resultOf("treaties", "Treaties", [0, 0, 0, 0, 0]), trend: [] };
    const html = render(createElement(ProposalResultCard, { result }));
    expect(html).toContain("No votes yet.");
    expect(html).toContain("No votes yet, so no trend.");
    expect(html).not.toContain("result-figures");
    expect(html).not.toContain("stance-fill-");
  });
});

describe("the agreement and activity sections", () => {
  const results: Results = {
    generatedAt: "2026-12-03T00:00:00.000Z",
    proposals: [resultOf("a", HOSTILE, [0, 0, 1, 1, 1]), resultOf("b", "Plain", [1, 1, 1, 0, 0])],
    agreement: [{ a: "a", b: "b", n: 3, sameSide: 1 / 3, correlation: -0.5, crossTab: [] }],
    profiles: { readers: 3, profiles: [{ sides: { a: "support", b: "oppose" }, count: 2, share: 2 / 3 }] },
    activity: { sections: [{ id: "intro", title: `Intro ${HOSTILE}`, commentCount: 4, participants: 2 }], mostDiscussed: ["intro"] },
  };

  it("escape proposal and section titles in every table", () => {
    const html = render(createElement(AgreementSection, { results })) + render(createElement(ActivitySection, { results }));
    expect(outsideAttributes(html)).not.toContain("<img");
    expect(html.match(/&#x3C;img/g)).toHaveLength(3);
    expect(html).toContain("× Plain</th><td>3</td><td>33%</td><td>-0.50</td>");
    expect(html).toContain("<td>Supports</td><td>Opposes</td><td>2</td><td>67%</td>");
    expect(html).toContain('<a href="/sections/intro">Intro &#x3C;img');
    expect(html).toContain('<span class="badge">most discussed</span>');
  });

  it("says when no reader has voted on every proposal", () => {
    const html = render(createElement(AgreementSection, { results: { ...results, profiles: { readers: 0, profiles: [] } } }));
    expect(html).toContain("No reader has voted on every proposal yet.");
    expect(html).not.toContain("profiles-table");
  });
});
