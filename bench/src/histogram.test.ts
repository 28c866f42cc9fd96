import { describe, expect, it } from "vitest";
import { Histogram, bucketIndex, bucketUpper, mean, percentile } from "./histogram.ts";

describe("Histogram", () => {
  it("is exact below 256 µs and within 0.8 % above", () => {
    for (let v = 0; v < 256; v++) expect(bucketUpper(bucketIndex(v))).toBe(v);
    for (const v of [256, 257, 1000, 4095, 4096, 65_537, 1_000_000, 123_456_789]) {
      const upper = bucketUpper(bucketIndex(v));
      expect(upper).toBeGreaterThanOrEqual(v);
      expect((upper - v) / v).toBeLessThan(1 / 128);
    }
  });

  it("bucket indices are monotonic", () => {
    let prev = -1;
    for (let v = 0; v < 200_000; v += 7) {
      const i = bucketIndex(v);
      expect(i).toBeGreaterThanOrEqual(prev);
      prev = i;
    }
  });

  it("computes percentiles of a uniform 1..1000 ms distribution", () => {
    const h = new Histogram();
    for (let ms = 1; ms <= 1000; ms++) h.recordMs(ms);
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.min).toBe(1);
    expect(s.max).toBe(1000);
    expect(s.mean).toBeCloseTo(500.5, 6);
    expect(s.p50).toBeGreaterThanOrEqual(500);
    expect(s.p50).toBeLessThan(500 * 1.008);
    expect(s.p99).toBeGreaterThanOrEqual(990);
    expect(s.p99).toBeLessThan(990 * 1.008);
    expect(h.percentileMs(100)).toBe(1000);
  });

  it("handles a skewed distribution (tail dominates p99, not p50)", () => {
    const h = new Histogram();
    for (let i = 0; i < 980; i++) h.recordMs(2);
    for (let i = 0; i < 20; i++) h.recordMs(250);
    expect(h.percentileMs(50)).toBeGreaterThanOrEqual(2);
    expect(h.percentileMs(50)).toBeLessThan(2 * 1.008);
    expect(h.percentileMs(98)).toBeLessThan(2 * 1.008);
    expect(h.percentileMs(99)).toBeGreaterThanOrEqual(250);
    expect(h.percentileMs(99)).toBeLessThan(252);
  });

  it("clamps negatives to zero and reports NaN when empty", () => {
    const h = new Histogram();
    expect(Number.isNaN(h.percentileMs(50))).toBe(true);
    h.recordMs(-3);
    expect(h.summary().max).toBe(0);
  });

  it("merges and round-trips through JSON", () => {
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 1; i <= 500; i++) a.recordMs(i);
    for (let i = 501; i <= 1000; i++) b.recordMs(i);
    a.merge(b);
    const back = Histogram.deserialize(JSON.parse(JSON.stringify(a.serialize())));
    expect(back.summary()).toEqual(a.summary());
    expect(back.summary().count).toBe(1000);
    const empty = Histogram.deserialize(JSON.parse(JSON.stringify(new Histogram().serialize())));
    empty.recordMs(5);
    expect(empty.summary().min).toBe(5);
  });
});

describe("percentile/mean over samples", () => {
  it("uses nearest rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 100)).toBe(5);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
    expect(mean([1, 2, 3])).toBe(2);
  });
});
