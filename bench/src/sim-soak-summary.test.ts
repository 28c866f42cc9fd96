import { describe, expect, it } from "vitest";
import { renderSummary, summariseSoak, type SoakWindow } from "./sim-soak-summary.ts";

const w = (endS: number, cpuPct: number, rssMb: number): SoakWindow => ({
  endS,
  cpuPct,
  rssMb,
  framesPerS: 1000,
  machineBusyPct: 50,
});

describe("summariseSoak", () => {
  it("first and last minute are ⌈60 ÷ window⌉ windows; ratio of their means; RSS first → last window", () => {
    const cpu = [26, 26, 21, 24, 25, 32, 28, 31, 30, 30, 55, 75, 72, 73, 75];
    const s = summariseSoak(
      cpu.map((c, i) => w(15 * (i + 1), c, 190 + 44 * i)),
      15,
    );
    expect(s.firstMinute).toEqual({ windows: 4, cpuPct: 24.25, framesPerS: 1000 });
    expect(s.lastMinute.cpuPct).toBe(73.75);
    expect(s.cpuRatio).toBeCloseTo(73.75 / 24.25, 10);
    expect(s.rssMb).toEqual({ first: 190, last: 806, growth: 616 });
    expect(s.overlap).toBe(false);
    expect(renderSummary(s, [])).toContain("last ÷ first minute cpu: 3.04×");
  });

  it("a window that does not divide a minute rounds up; a short run says its minutes overlap", () => {
    const s = summariseSoak([w(40, 10, 100), w(80, 20, 100), w(120, 30, 90)], 40);
    expect(s.firstMinute.windows).toBe(2);
    expect(s.firstMinute.cpuPct).toBe(15);
    expect(s.lastMinute.cpuPct).toBe(25);
    expect(s.overlap).toBe(true);
    expect(s.rssMb.growth).toBe(-10);
    expect(() => summariseSoak([], 15)).toThrow();
  });
});
