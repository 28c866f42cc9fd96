import { describe, expect, it } from "vitest";
import { Histogram } from "./histogram.ts";
import type { LoadReport } from "./load-clients.ts";
import { mergeConnected, mergeReports, splitSets, workersFor } from "./load-merge.ts";

function report(latenciesMs: number[], over: Partial<LoadReport> = {}): LoadReport {
  const h = new Histogram();
  for (const ms of latenciesMs) h.recordMs(ms);
  return {
    seconds: 10,
    clients: 2,
    disconnects: 0,
    updates: latenciesMs.length,
    messages: 1,
    perClient: { min: 1, max: 3, sum: latenciesMs.length, n: 2 },
    latency: h.serialize(),
    relayLatency: new Histogram().serialize(),
    loopDelay: { p50: 1, p99: 5, max: 9 },
    ...over,
  };
}

describe("splitting clients over load processes", () => {
  it("one worker per N clients, bounded", () => {
    expect(workersFor(100, 250, 4)).toBe(1);
    expect(workersFor(600, 250, 4)).toBe(3);
    expect(workersFor(5000, 250, 4)).toBe(4);
    expect(workersFor(0, 250, 4)).toBe(1);
  });

  it("near-equal contiguous slices covering every set once", () => {
    const sets = Array.from({ length: 7 }, (_, i) => i);
    expect(splitSets(sets, 3)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(splitSets(sets, 10)).toHaveLength(7);
    expect(splitSets([1, 2], 1)).toEqual([[1, 2]]);
  });
});

describe("merging", () => {
  it("sums counts and merges latency so percentiles are over every update", () => {
    const fast = report(Array.from({ length: 98 }, () => 10));
    const slow = report([500, 500], {
      seconds: 10.2,
      disconnects: 1,
      loopDelay: { p50: 2, p99: 40, max: 50 },
    });
    const m = mergeReports([fast, slow]);
    expect(m).toMatchObject({ seconds: 10.2, clients: 4, disconnects: 1, updates: 100, messages: 2 });
    expect(m.perClient).toEqual({ min: 1, max: 3, sum: 100, n: 4 });
    expect(m.loopDelay).toEqual({ p50: 2, p99: 40, max: 50 });
    const h = Histogram.deserialize(m.latency);
    expect(h.count).toBe(100);
    expect(h.percentileMs(98)).toBeCloseTo(10, 0);
    expect(h.percentileMs(99)).toBeGreaterThan(490);
  });

  it("merges connect results: counts summed, the slowest worker's time, errors deduplicated", () => {
    const c = (connected: number, failed: number, ms: number, errors: string[]) =>
      ({ evt: "connected", connected, failed, ms, errors }) as const;
    expect(mergeConnected([c(10, 0, 100, []), c(8, 2, 300, ["x", "y"]), c(9, 1, 50, ["x"])])).toEqual({
      evt: "connected",
      connected: 27,
      failed: 3,
      ms: 300,
      errors: ["x", "y"],
    });
  });
});
