import { describe, expect, it } from "vitest";
import { agreement, agreementFromCrossTab, type StancePair } from "@/lib/stats/agreement";
import { formatPercent, MIN_RELIABLE_N, supportSentence } from "@/lib/stats/format";
import { meanInterval, studentTQuantile } from "@/lib/stats/mean-interval";
import { profileKey, profileShares, side } from "@/lib/stats/opinion-profiles";
import { wilsonInterval } from "@/lib/stats/wilson-interval";

const Z = 1.959963984540054;

describe("wilsonInterval", () => {
  it("returns null with no votes", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("0 of 10: low is exactly 0, high is z²/(n+z²) = 3.8415/13.8415 ≈ 0.2775", () => {
    const w = wilsonInterval(0, 10)!;
    expect(w.estimate).toBe(0);
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(0.2775, 4);
    expect(w.high).toBeCloseTo((Z * Z) / (10 + Z * Z), 12);
  });

  it("10 of 10 mirrors 0 of 10: low ≈ 1 − 0.2775 = 0.7225, high exactly 1", () => {
    const w = wilsonInterval(10, 10)!;
    expect(w.estimate).toBe(1);
    expect(w.low).toBeCloseTo(0.7225, 4);
    expect(w.high).toBe(1);
  });

  it("5 of 10 is symmetric about 0.5: centre 0.5, half-width 1.96·√(0.025+0.0096)/1.3842 ≈ 0.2634", () => {
    const w = wilsonInterval(5, 10)!;
    expect(w.low).toBeCloseTo(0.2366, 4);
    expect(w.high).toBeCloseTo(0.7634, 4);
    expect(w.low + w.high).toBeCloseTo(1, 12);
  });

  it("62 of 100: centre (0.62 + 0.019207)/1.038415 = 0.615571, half 1.96·√0.00245204/1.038415 = 0.093474", () => {
    const w = wilsonInterval(62, 100)!;
    expect(w.estimate).toBe(0.62);
    expect(w.low).toBeCloseTo(0.5221, 4);
    expect(w.high).toBeCloseTo(0.709, 4);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});

describe("studentTQuantile", () => {
  // Printed tables give 12.706, 2.571, 2.045, 1.962; these are the same values to 4 decimals.
  it.each([
    [1, 12.7062],
    [5, 2.5706],
    [29, 2.0452],
    [1000, 1.9623],
  ])("t(0.975, %i) ≈ %f", (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 4);
  });

  it("df = 1 is the Cauchy distribution, whose quantile is tan(π(p − ½)) exactly", () => {
    expect(studentTQuantile(0.9999, 1)).toBeCloseTo(Math.tan(Math.PI * 0.4999), 6);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 8);
  });

  it("df = 2 has the closed form t = (2p − 1)·√(2 / (1 − (2p − 1)²))", () => {
    const q = 0.95; // 2p − 1 for p = 0.975
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(q * Math.sqrt(2 / (1 - q * q)), 8);
  });

  it("is symmetric about 0 and approaches the normal quantile for large df", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-studentTQuantile(0.975, 5), 10);
    expect(studentTQuantile(0.975, 100_000)).toBeCloseTo(Z, 4);
  });
});

describe("meanInterval", () => {
  it("returns null with no votes", () => {
    expect(meanInterval({ [-2]: 0, [-1]: 0, 0: 0, 1: 0, 2: 0 })).toBeNull();
  });

  it("one vote: the mean, with the whole scale as its range", () => {
    expect(meanInterval({ [-2]: 0, [-1]: 0, 0: 0, 1: 1, 2: 0 })).toEqual({ mean: 1, low: -2, high: 2, sd: null, n: 1 });
  });

  it("a 10-vote table, by hand", () => {
    // Votes: −2, −1, 0, 0, 1, 1, 1, 1, 2, 2. Sum = −2 − 1 + 0 + 4 + 4 = 5, n = 10, mean = 0.5.
    // Squared deviations: 6.25 + 2.25 + 2·0.25 + 4·0.25 + 2·2.25 = 14.5; s² = 14.5/9 = 1.61111,
    // sd = 1.269296; se = √(1.61111/10) = 0.401386; t(0.975, 9) = 2.262157; half = 0.907999.
    const m = meanInterval({ [-2]: 1, [-1]: 1, 0: 2, 1: 4, 2: 2 })!;
    expect(m.n).toBe(10);
    expect(m.mean).toBe(0.5);
    expect(m.sd).toBeCloseTo(1.269296, 6);
    expect(m.low).toBeCloseTo(-0.407999, 6);
    expect(m.high).toBeCloseTo(1.407999, 6);
  });

  it("clamps to the scale: 5 votes whose interval would pass +2", () => {
    // Votes: −1, 0, 1, 1, 2. Sum = 3, mean = 0.6. Squared deviations: 2.56 + 0.36 + 2·0.16 + 1.96 = 5.2;
    // s² = 1.3, sd = 1.140175; se = √(1.3/5) = 0.509902; t(0.975, 4) = 2.776445; half = 1.415715,
    // so the raw interval is (−0.815715, 2.015715) and its top is clamped to 2.
    const m = meanInterval({ [-2]: 0, [-1]: 1, 0: 1, 1: 2, 2: 1 })!;
    expect(m.mean).toBeCloseTo(0.6, 12);
    expect(m.sd).toBeCloseTo(Math.sqrt(1.3), 12);
    expect(m.low).toBeCloseTo(-0.815715, 6);
    expect(m.high).toBe(2);
  });
});

/** Test-side cross-tab builder: row = a + 2, column = b + 2. */
function crossTab(pairs: StancePair[]): number[][] {
  const table = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const { a, b } of pairs) table[a + 2]![b + 2]! += 1;
  return table;
}

const pairsOf = (as: number[], bs: number[]): StancePair[] => as.map((a, i) => ({ a, b: bs[i]! }));

describe("agreement", () => {
  it("5 pairs with zero means, by hand", () => {
    // a = 2, 1, 0, −1, −2; b = 2, 0, −1, −1, 0. Both means are 0, so
    // Σab = 4 + 0 + 0 + 1 + 0 = 5, Σa² = 10, Σb² = 6, r = 5/√60 = 0.645497.
    // Sides: (S,S) (S,U) (U,O) (O,O) (O,U): 2 of 5 the same.
    const pairs = pairsOf([2, 1, 0, -1, -2], [2, 0, -1, -1, 0]);
    const r = agreement(pairs);
    expect(r.n).toBe(5);
    expect(r.sameSide).toBe(0.4);
    expect(r.correlation).toBeCloseTo(5 / Math.sqrt(60), 12);
    expect(r.correlation).toBeCloseTo(0.645497, 6);
  });

  it("4 pairs with a non-zero mean, by hand, from both paths", () => {
    // a = −2, 0, 2, 2 (mean 0.5); b = −1, 0, 0, 1 (mean 0). Deviations of a: −2.5, −0.5, 1.5, 1.5.
    // Σ(da·db) = 2.5 + 0 + 0 + 1.5 = 4; Σda² = 6.25 + 0.25 + 2.25 + 2.25 = 11; Σdb² = 2;
    // r = 4/√22 = 0.852803. Cross-tab sums: n = 4, Σa = 2, Σb = 0, Σa² = 12, Σb² = 2, Σab = 4, so
    // (4·4 − 0)/√((4·12 − 4)(4·2 − 0)) = 16/√352 = 0.852803 too. Sides: (O,O) (U,U) (S,U) (S,S): 3 of 4.
    const pairs = pairsOf([-2, 0, 2, 2], [-1, 0, 0, 1]);
    for (const r of [agreement(pairs), agreementFromCrossTab(crossTab(pairs))]) {
      expect(r.n).toBe(4);
      expect(r.sameSide).toBe(0.75);
      expect(r.correlation).toBeCloseTo(4 / Math.sqrt(22), 12);
    }
  });

  it("perfect disagreement gives r = −1; only the unsure pair is on the same side", () => {
    const r = agreement(pairsOf([-2, -1, 0, 1, 2], [2, 1, 0, -1, -2]));
    expect(r.correlation).toBeCloseTo(-1, 12);
    expect(r.sameSide).toBe(0.2);
  });

  it("no correlation when a proposal has no spread, or with fewer than 2 pairs", () => {
    // Everyone at +1 on A: Σda² = 0, so r is undefined. Only (1, 2) is on the same side: 1 of 3.
    const flat = pairsOf([1, 1, 1], [2, -1, 0]);
    expect(agreement(flat)).toEqual({ n: 3, sameSide: 1 / 3, correlation: null });
    expect(agreementFromCrossTab(crossTab(flat))).toEqual({ n: 3, sameSide: 1 / 3, correlation: null });
    expect(agreement(pairsOf([2], [-2]))).toEqual({ n: 1, sameSide: 0, correlation: null });
    expect(agreement([])).toEqual({ n: 0, sameSide: null, correlation: null });
    expect(agreementFromCrossTab(crossTab([]))).toEqual({ n: 0, sameSide: null, correlation: null });
  });

  it("the cross-tab path equals the pairwise path on a larger pseudo-random sample", () => {
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 5) - 2;
    const pairs = Array.from({ length: 400 }, () => {
      const a = next();
      // Lean b towards a so the correlation is clearly non-zero.
      return { a, b: Math.max(-2, Math.min(2, a + (next() % 2))) };
    });
    const direct = agreement(pairs);
    const fromTab = agreementFromCrossTab(crossTab(pairs));
    expect(fromTab.n).toBe(direct.n);
    expect(fromTab.sameSide).toBe(direct.sameSide);
    expect(direct.correlation).not.toBeNull();
    expect(fromTab.correlation).toBeCloseTo(direct.correlation!, 12);
  });

  it("rejects malformed input", () => {
    expect(() => agreement([{ a: 3, b: 0 }])).toThrow(RangeError);
    expect(() => agreementFromCrossTab([[0, 0, 0, 0, 0]])).toThrow(RangeError);
    expect(() => agreementFromCrossTab(crossTab([]).map((row, i) => (i === 2 ? [0, -1, 0, 0, 0] : row)))).toThrow(RangeError);
  });
});

describe("opinion profiles", () => {
  it("maps stances to sides", () => {
    expect([-2, -1, 0, 1, 2].map(side)).toEqual(["oppose", "oppose", "unsure", "support", "support"]);
    expect(() => side(3)).toThrow(RangeError);
    expect(() => side(0.5)).toThrow(RangeError);
  });

  it("keys a profile and ranks profiles by count, ties by key", () => {
    expect(profileKey(["support", "unsure", "oppose"])).toBe("support/unsure/oppose");
    const shares = profileShares(
      new Map([
        ["oppose/oppose", 10],
        ["support/support", 50],
        ["unsure/support", 20],
        ["support/oppose", 20],
      ]),
    );
    expect(shares).toEqual([
      { profile: "support/support", count: 50, share: 0.5 },
      { profile: "support/oppose", count: 20, share: 0.2 },
      { profile: "unsure/support", count: 20, share: 0.2 },
      { profile: "oppose/oppose", count: 10, share: 0.1 },
    ]);
    expect(profileShares(new Map())).toEqual([]);
  });
});

describe("format", () => {
  it("formats whole percents", () => {
    expect(formatPercent(0.6234)).toBe("62%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(-0.001)).toBe("0%");
  });

  it("writes the support sentence with an en dash", () => {
    expect(supportSentence({ supportShare: { estimate: 0.6234, low: 0.5512, high: 0.6801 }, n: 190 })).toBe("62% support (55–68%), n = 190");
    // 118 of 190 = 0.6211; Wilson (0.5503, 0.6870) rounds to 55–69.
    expect(supportSentence({ supportShare: wilsonInterval(118, 190)!, n: 190 })).toBe("62% support (55–69%), n = 190");
  });

  it("sets the reliability threshold at 30 responses", () => {
    expect(MIN_RELIABLE_N).toBe(30);
  });
});

describe("t quantiles at large degrees of freedom", () => {
  it("switch to a constant-time expansion that agrees with the exact series", async () => {
    const { studentTQuantile: t } = await import("@/lib/stats/mean-interval");
    // Exact series at df = 300 vs the expansion at df = 301: both ≈ 1.9679 / 1.9678 (tables).
    expect(t(0.975, 300)).toBeCloseTo(1.96793, 4);
    expect(t(0.975, 301)).toBeCloseTo(1.9679, 4);
    expect(t(0.975, 1000)).toBeCloseTo(1.96234, 4);
    expect(t(0.975, 1_000_000)).toBeCloseTo(1.95996, 4);
    expect(t(0.025, 5000)).toBeCloseTo(-1.96044, 4);
  });
});
