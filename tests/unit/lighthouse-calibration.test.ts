import { describe, expect, it } from "vitest";
import { cpuSlowdownFor } from "@/bench/measure/lighthouse";

describe("calibrating Lighthouse's CPU slowdown to the machine", () => {
  it("keeps the preset's 4× on the high-end desktop it was made for, and never goes past it", () => {
    expect(cpuSlowdownFor(1750)).toBe(4);
    expect(cpuSlowdownFor(2600)).toBe(4);
  });

  it("slows a slower host less, so it still lands on a mid-tier phone, and never speeds a host up", () => {
    expect(cpuSlowdownFor(1100)).toBe(2.5);
    expect(cpuSlowdownFor(934)).toBe(2.1);
    expect(cpuSlowdownFor(300)).toBe(1);
  });
});
