import { describe, expect, it } from "vitest";
import { assignAssets, parseFlags, readAsset, readTs } from "./common.ts";

describe("assignAssets", () => {
  const assets = Array.from({ length: 100 }, (_, i) => `A${i}:B`);

  it("balances subscribers and keeps each client's set distinct", () => {
    const sets = assignAssets(assets, 500, 20, 1);
    expect(sets).toHaveLength(500);
    const per = new Map<string, number>();
    for (const s of sets) {
      expect(new Set(s).size).toBe(20);
      for (const a of s) per.set(a, (per.get(a) ?? 0) + 1);
    }
    expect(per.size).toBe(100);
    for (const n of per.values()) expect(n).toBe(100);
    expect(new Set(sets.map((s) => [...s].sort().join())).size).toBeGreaterThan(400);
  });

  it("stays within ±1 when the slots do not divide evenly, and is deterministic", () => {
    const sets = assignAssets(assets.slice(0, 7), 10, 3, 42);
    const per = new Map<string, number>();
    for (const s of sets) {
      expect(new Set(s).size).toBe(3);
      for (const a of s) per.set(a, (per.get(a) ?? 0) + 1);
    }
    const counts = [...per.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(assignAssets(assets.slice(0, 7), 10, 3, 42)).toEqual(sets);
  });
});

describe("frame field readers", () => {
  const frame = Buffer.from(
    '{"seq":12,"ts":1795526100050,"type":"trade","asset":"PETR4:B","trade":{"price":1}}',
  );
  it("reads ts and asset without parsing", () => {
    expect(readTs(frame)).toBe(1795526100050);
    expect(readAsset(frame)).toBe("PETR4:B");
    expect(readTs('{"seq":1,"type":"x"}')).toBeNaN();
    expect(readAsset(Buffer.from('{"seq":1}'))).toBeUndefined();
  });
});

describe("parseFlags", () => {
  it("parses values, = values and booleans", () => {
    expect(parseFlags(["--clients", "50", "--quick", "--rate=100", "--x"])).toEqual({
      clients: "50",
      quick: true,
      rate: "100",
      x: true,
    });
  });
});
