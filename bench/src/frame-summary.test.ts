import { describe, expect, it } from "vitest";
import { percentile, summariseFrames } from "./frame-summary.ts";

describe("summariseFrames", () => {
  it("nearest-rank percentiles over the rAF deltas; drops are deltas over one 60 Hz frame", () => {
    const deltas = [...Array.from({ length: 95 }, () => 16.7), 20, 33.4, 33.4, 50, 100];
    const s = summariseFrames(deltas, [], 20);
    expect(s.frames).toEqual({ count: 100, p50: 16.7, p95: 16.7, p99: 50, max: 100, dropped: 5 });
    expect(s.verdicts).toEqual({ noLongTaskOver50ms: true, frameP95Within16ms: true });
  });

  it("counts long tasks, their max and total; any over 50 ms fails that target", () => {
    const s = summariseFrames([16.6, 16.7], [51, 120.456], 5);
    expect(s.longTasks).toEqual({ count: 2, maxMs: 120.46, totalMs: 171.46 });
    expect(s.verdicts.noLongTaskOver50ms).toBe(false);
  });

  it("a p95 frame of two frames fails the frame target; no frames at all is not a pass", () => {
    const slow = summariseFrames(
      [...Array.from({ length: 90 }, () => 16.7), ...Array.from({ length: 10 }, () => 33.3)],
      [],
      1,
    );
    expect(slow.frames.p95).toBe(33.3);
    expect(slow.verdicts.frameP95Within16ms).toBe(false);
    expect(summariseFrames([], [], 1).verdicts.frameP95Within16ms).toBe(false);
  });

  it("percentile of an empty or one-element array", () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([7], 99)).toBe(7);
  });
});
