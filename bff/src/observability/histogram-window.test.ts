import { describe, expect, it } from "vitest";
import { Histogram, Registry } from "prom-client";
import { HistogramWindow, quantiles } from "./histogram-window.ts";

const histogram = () =>
  new Histogram({
    name: "t_seconds",
    help: "t",
    labelNames: ["service", "outcome"],
    buckets: [0.01, 0.1, 1],
    registers: [new Registry()],
  });

describe("quantiles", () => {
  it("interpolates inside the bucket like histogram_quantile (ms out, seconds in)", () => {
    // 100 observations: 50 ≤ 10 ms, 50 in (10, 100] ms.
    expect(quantiles([0.01, 0.1, Infinity], [50, 100, 100])).toEqual({
      p50: 10,
      p90: 82,
      p99: 98.2,
      count: 100,
    });
  });
  it("is null when nothing was observed", () => {
    expect(quantiles([0.01, Infinity], [0, 0])).toEqual({ p50: null, p90: null, p99: null, count: 0 });
  });
});

describe("HistogramWindow", () => {
  it("groups by a label (outcomes summed) and differences two snapshots", async () => {
    const h = histogram();
    const w = new HistogramWindow(h, "service", 60_000);
    h.labels("order-manager", "ok").observe(0.5); // before the window: must not count
    await w.snap(0);
    for (let i = 0; i < 10; i++) h.labels("order-manager", i % 2 ? "ok" : "unavailable").observe(0.005);
    h.labels("risk", "ok").observe(0.05);
    await w.snap(5000);
    const p = w.percentiles(60_000);
    expect(p["order-manager"]).toMatchObject({ count: 10, p99: expect.any(Number) });
    expect(p["order-manager"]!.p99!).toBeLessThanOrEqual(10);
    expect(p.risk).toMatchObject({ count: 1 });
  });

  it("keeps only the snapshots the interval needs", async () => {
    const h = histogram();
    const w = new HistogramWindow(h, "service", 10_000);
    for (let t = 0; t <= 100_000; t += 5000) {
      h.labels("risk", "ok").observe(0.05);
      await w.snap(t);
    }
    // 10 s of history at a 5 s period: the last window holds 2 observations.
    expect(w.percentiles(10_000).risk?.count).toBe(2);
    expect((w as unknown as { snaps: unknown[] }).snaps.length).toBeLessThanOrEqual(4);
  });
});
