import { describe, expect, it } from "vitest";
import { Histogram, Registry } from "prom-client";
import { BatchedHistogram } from "./batched-histogram.ts";

const make = () => {
  const registry = new Registry();
  const h = new Histogram({
    name: "x_seconds",
    help: "x",
    labelNames: ["channel"],
    buckets: [0.001, 0.01, 0.1],
    registers: [registry],
  });
  return { registry, h };
};

describe("BatchedHistogram", () => {
  it("exposes exactly what per-call observe would, across flushes and label values", async () => {
    const direct = make();
    const batched = make();
    const quotes = new BatchedHistogram(batched.h, { channel: "quotes" });
    const book = new BatchedHistogram(batched.h, { channel: "book" });
    const values = [0, 0.0005, 0.001, 0.004, 0.05, 0.1, 0.2, 3];
    for (const [i, v] of values.entries()) {
      direct.h.labels("quotes").observe(v);
      quotes.observe(v);
      if (i % 2) {
        direct.h.labels("book").observe(v * 2);
        book.observe(v * 2);
      }
      if (i === 3) {
        quotes.flush();
        book.flush();
      }
    }
    expect(await batched.registry.metrics()).not.toEqual(await direct.registry.metrics()); // not flushed yet
    quotes.flush();
    book.flush();
    quotes.flush(); // nothing new: no change
    const [got, want] = [await batched.registry.metrics(), await direct.registry.metrics()];
    const sums = (text: string) => text.split("\n").filter((l) => l.includes("_sum"));
    const rest = (text: string) => text.split("\n").filter((l) => !l.includes("_sum"));
    expect(rest(got)).toEqual(rest(want)); // buckets and counts exactly
    const value = (l: string) => Number(l.split(" ").at(-1));
    sums(got).forEach((l, i) => expect(value(l)).toBeCloseTo(value(sums(want)[i]!), 12)); // sums up to rounding
  });
});
