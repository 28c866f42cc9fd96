import { describe, expect, it } from "vitest";
import { coreShares, cpuDelta, cpuUsPerUpdate, ratio, verdictOf } from "./capacity.ts";

const ok = { requested: 100, connected: 100, disconnects: 0, p99Ms: 80, updates: 1000 };

describe("verdictOf", () => {
  it("passes a step with every client connected, none lost and p99 within the limit (inclusive)", () => {
    expect(verdictOf(ok)).toEqual({ pass: true, reasons: [] });
    expect(verdictOf({ ...ok, p99Ms: 100 }).pass).toBe(true);
  });

  it("names every reason a step fails", () => {
    expect(verdictOf({ ...ok, p99Ms: 100.4 }).reasons).toEqual(["p99 100 ms > 100 ms"]);
    expect(verdictOf({ ...ok, connected: 97, disconnects: 2 }).reasons).toEqual([
      "3 of 100 not connected",
      "2 disconnected",
    ]);
    expect(verdictOf({ ...ok, updates: 0, p99Ms: Number.NaN }).reasons).toEqual(["no updates"]);
    expect(verdictOf({ ...ok, p99Ms: Number.NaN }).pass).toBe(false);
    expect(verdictOf({ ...ok, p99Ms: 60 }, 50).pass).toBe(false);
  });
});

describe("ratios and CPU", () => {
  it("µs of CPU per update", () => {
    expect(cpuUsPerUpdate(2, 1_000_000)).toBe(2);
    expect(cpuUsPerUpdate(1, 0)).toBeNaN();
  });

  it("ratio is null when it cannot be formed", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(Number.NaN, 2)).toBeNull();
    expect(ratio(0, 2)).toBe(0);
  });

  it("core shares per process, largest first", () => {
    const shares = coreShares({ sim: 2, bff: 8 }, 10, 2);
    expect(shares.map((s) => s.name)).toEqual(["bff", "sim"]);
    expect(shares[0]).toEqual({ name: "bff", seconds: 8, pctOfCore: 80, pctOfMachine: 40 });
  });

  it("cpuDelta keeps processes read at both ends", () => {
    expect(cpuDelta({ a: 1, b: 2 }, { a: 3.5, c: 9 })).toEqual({ a: 2.5 });
  });
});
