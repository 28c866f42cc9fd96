import { assetInfoSchema, SecurityType } from "@pregao/contracts";
import { describe, expect, it } from "vitest";
import { isinCheckDigit, loadInstruments } from "./instruments.ts";
import { Rng, WeightedPicker } from "./rng.ts";

describe("instruments", () => {
  const all = loadInstruments();
  const by = (asset: string) => all.find((i) => i.info.asset === asset)!;

  it("lists at least 100 valid, unique assets, most liquid first", () => {
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(new Set(all.map((i) => i.info.asset)).size).toBe(all.length);
    for (const i of all) assetInfoSchema.parse(i.info);
    expect(all.slice(0, 3).map((i) => i.info.asset)).toEqual(["PETR4:B", "VALE3:B", "ITUB4:B"]);
    expect(loadInstruments(5)).toHaveLength(5);
  });

  it("gives WIN tick 5 ×0.2, WDO tick 0.5 ×10, stocks lot 100 tick 0.01", () => {
    expect(by("WINZ26:F").info).toMatchObject({
      tickSize: 5,
      lot: 1,
      contractMultiplier: 0.2,
      securityType: 0,
    });
    expect(by("WDOZ26:F").info).toMatchObject({
      tickSize: 0.5,
      lot: 1,
      contractMultiplier: 10,
      securityType: 0,
    });
    expect(by("PETR4:B").info).toMatchObject({
      tickSize: 0.01,
      lot: 100,
      minOrderQty: 100,
      description: "PETROBRAS PN",
    });
    expect(by("BOVA11:B").info.securityType).toBe(SecurityType.ETF);
  });

  it("computes real ISIN check digits", () => {
    expect(by("PETR4:B").info.isin).toBe("BRPETRACNPR6");
    expect(by("VALE3:B").info.isin).toBe("BRVALEACNOR0");
    expect(isinCheckDigit("BRBOVACTF00")).toBe(3);
  });
});

describe("Rng", () => {
  it("is reproducible and roughly normal", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 20_000 }, () => a.gaussian());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.gaussian()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it("picks by weight", () => {
    const p = new WeightedPicker([1, 0, 3]);
    const rng = new Rng(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[p.pick(rng)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.5);
  });
});
