import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decimalPlaces, fromTicks, isOnTickGrid, toTicks } from "./ticks.ts";

describe("tick arithmetic", () => {
  it("counts printed decimals, exponent notation included", () => {
    expect(decimalPlaces(37.29)).toBe(2);
    expect(decimalPlaces(5)).toBe(0);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(2.5e-3)).toBe(4);
    expect(decimalPlaces(1e21)).toBe(0);
    expect(decimalPlaces(Number.NaN)).toBeNull();
  });

  it("accepts prices on the grid without float error", () => {
    expect(toTicks(37.29, 0.01)).toBe(3729);
    expect(toTicks(0.07, 0.01)).toBe(7);
    expect(toTicks(128_455, 5)).toBe(25_691);
    expect(toTicks(5012.5, 0.5)).toBe(10_025);
  });

  it("refuses prices off the grid with no tolerance", () => {
    expect(toTicks(33.50000001, 0.01)).toBeNull();
    expect(toTicks(37.295, 0.01)).toBeNull();
    expect(toTicks(128_457, 5)).toBeNull();
    expect(toTicks(5012.25, 0.5)).toBeNull();
    expect(isOnTickGrid(33.5, 0.01)).toBe(true);
  });

  it("refuses what cannot be counted exactly", () => {
    expect(toTicks(1e308, 0.01)).toBeNull();
    expect(toTicks(Number.POSITIVE_INFINITY, 0.01)).toBeNull();
    expect(toTicks(Number.NaN, 0.01)).toBeNull();
    expect(toTicks(10, 0)).toBeNull();
    expect(toTicks(10, -0.01)).toBeNull();
  });

  // The fast path (no printing) must agree with the definition: at most d printed decimals, scaled to a safe integer.
  it("decides 'at most d decimals' exactly as the printed digits do", () => {
    const byDigits = (x: number, d: number): number | null => {
      const places = decimalPlaces(x);
      if (places === null || places > d) return null;
      const n = Math.round(x * 10 ** d);
      return Number.isSafeInteger(n) ? n : null;
    };
    const tick = fc.constantFrom(0.01, 0.5, 5, 0.001, 0.25, 0.0001, 1);
    const price = fc.oneof(
      fc.double({ min: 0, max: 1e7, noNaN: true }),
      fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
      fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => n / 10_000),
      fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1000 + 1e-9),
    );
    fc.assert(
      fc.property(price, tick, (p, t) => {
        const d = decimalPlaces(t)!;
        const viaDigits = byDigits(p, d);
        const t0 = byDigits(t, d)!;
        const expected = viaDigits === null || viaDigits % t0 !== 0 ? null : viaDigits / t0;
        expect(toTicks(p, t)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it("round-trips every whole number of ticks", () => {
    const tick = fc.constantFrom(0.01, 0.5, 5, 0.001, 0.25);
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), tick, (n, t) => {
        expect(toTicks(fromTicks(n, t), t)).toBe(n);
      }),
    );
  });
});
