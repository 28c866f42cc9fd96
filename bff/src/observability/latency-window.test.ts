import { describe, expect, it } from "vitest";
import { LatencyWindow } from "./latency-window.ts";

describe("LatencyWindow", () => {
  it("reports nearest-rank percentiles and an exact count over the window", () => {
    const w = new LatencyWindow(60, 1000);
    const t = 1_000_000;
    for (let i = 1; i <= 100; i++) w.observe(i, t);
    expect(w.percentiles(60, t)).toEqual({ p50: 50, p90: 90, p99: 99, count: 100 });
  });

  it("is null with no observation and forgets seconds older than the window", () => {
    const w = new LatencyWindow(5, 10);
    expect(w.percentiles(5, 0)).toEqual({ p50: null, p90: null, p99: null, count: 0 });
    w.observe(7, 10_000);
    expect(w.percentiles(5, 14_999).count).toBe(1);
    expect(w.percentiles(5, 15_000).count).toBe(0); // 5 s later the slot is outside the window
    w.observe(3, 16_000); // reuses the slot of second 11 → reset, not mixed
    expect(w.percentiles(5, 16_000)).toMatchObject({ p50: 3, count: 1 });
  });

  it("caps the values kept per second (fixed memory) while counting every observation", () => {
    const w = new LatencyWindow(2, 8);
    for (let i = 0; i < 10_000; i++) w.observe(i % 2 === 0 ? 1 : 1000, 5000);
    const p = w.percentiles(2, 5000);
    expect(p.count).toBe(10_000);
    expect([1, 1000]).toContain(p.p50);
  });

  it("limits a shorter interval to its own seconds", () => {
    const w = new LatencyWindow(60, 100);
    w.observe(500, 1000);
    w.observe(5, 9000);
    expect(w.percentiles(5, 9000)).toMatchObject({ p99: 5, count: 1 });
    expect(w.percentiles(60, 9000)).toMatchObject({ p99: 500, count: 2 });
  });
});
