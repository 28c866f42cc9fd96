import { describe, expect, it } from "vitest";
import { delta, flatten, pick } from "./counters.ts";

describe("counters", () => {
  it("flattens numeric leaves and ignores the rest", () => {
    expect(flatten({ a: { b: 1, c: "x" }, d: 2, e: null })).toEqual({ "a.b": 1, d: 2 });
  });

  it("deltas keys present on both sides, without per-client counters", () => {
    const before = { "c.totals.n": 1, "c.perClient.x.n": 1, gone: 5 };
    const after = { "c.totals.n": 4, "c.perClient.x.n": 9, fresh: 3 };
    expect(delta(before, after)).toEqual({ "c.totals.n": 3 });
  });

  it("picks by exact key or dotted suffix", () => {
    const s = { "conflation.totals.quotesConflated": 7, dropped: 2, "x.notdropped": 1 };
    expect(pick(s, "quotesConflated")).toBe(7);
    expect(pick(s, "dropped")).toBe(2);
    expect(pick(s, "missing")).toBeNull();
  });
});
