import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BarAggregator, type BarTrade } from "./aggregator.ts";
import { barTime } from "./bar-time.ts";

// Thursday 2026-12-03 10:00 São Paulo (13:00 UTC).
const OPEN = Date.UTC(2026, 11, 3, 13, 0);
const agg = (interval: "1m" | "5m" | "1D" = "1m", maxBars = 1000) =>
  new BarAggregator(interval, { maxBars, maxSeen: 10_000 });
const t = (n: number, secs: number, price: number, quantity = 100): BarTrade => ({
  ts: OPEN + secs * 1000,
  tradeNumber: n,
  price,
  quantity,
});

describe("barTime", () => {
  it("aligns intraday bars in São Paulo time and opens 1D bars at the session date's 00:00 BRT", () => {
    expect(barTime(OPEN + 61_000, "1m")).toBe(OPEN + 60_000);
    expect(barTime(OPEN + 59 * 60_000, "60m")).toBe(OPEN);
    // 23:30 BRT on the 3rd is 02:30 UTC on the 4th: still the 3rd's bar.
    expect(barTime(Date.UTC(2026, 11, 4, 2, 30), "1D")).toBe(Date.UTC(2026, 11, 3, 3, 0));
  });
});

describe("BarAggregator", () => {
  it("builds OHLCV with volume = sum of quantities and a trade count, ascending by time", () => {
    const a = agg();
    a.addAll([t(1, 1, 10, 100), t(2, 20, 12, 200), t(3, 30, 9, 300), t(4, 59, 11, 100), t(5, 61, 11.5, 100)]);
    const { candles } = a.page(Infinity, 10);
    expect(candles).toEqual([
      { time: OPEN, open: 10, high: 12, low: 9, close: 11, volume: 700, trades: 4 },
      { time: OPEN + 60_000, open: 11.5, high: 11.5, low: 11.5, close: 11.5, volume: 100, trades: 1 },
    ]);
    expect(a.latest()?.time).toBe(OPEN + 60_000);
  });

  it("counts a trade seen twice once (history and live overlap)", () => {
    const a = agg();
    expect(a.add(t(1, 1, 10))).not.toBeNull();
    expect(a.add(t(1, 1, 10))).toBeNull();
    expect(a.latest()).toMatchObject({ volume: 100, trades: 1 });
  });

  it("applies an edit as a replacement of the trade it corrects", () => {
    const a = agg();
    a.addAll([t(1, 1, 10, 100), t(2, 2, 15, 100), t(3, 3, 11, 100)]);
    expect(a.add({ ...t(2, 2, 12, 300), edit: true })).toEqual({
      time: OPEN,
      open: 10,
      high: 12,
      low: 10,
      close: 11,
      volume: 500,
      trades: 3,
    });
  });

  it("pages the newest `limit` bars before `to` and says whether older ones are held", () => {
    const a = agg();
    for (let i = 0; i < 10; i++) a.add(t(i + 1, i * 60, 10 + i));
    const p = a.page(OPEN + 8 * 60_000, 3);
    expect(p.candles.map((c) => c.close)).toEqual([15, 16, 17]);
    expect(p.olderHeld).toBe(true);
    expect(a.page(OPEN + 2 * 60_000, 5)).toMatchObject({ olderHeld: false });
  });

  it("keeps at most maxBars, dropping the oldest", () => {
    const a = agg("1m", 3);
    for (let i = 0; i < 5; i++) a.add(t(i + 1, i * 60, 10));
    expect(a.trim()).toBe(OPEN + 2 * 60_000);
    expect(a.size).toBe(3);
  });
});

/** Trades over three sessions (Thu, Fri, Mon), numbered per session, in time order. */
const tradesArb = fc
  .array(
    fc.record({
      day: fc.constantFrom(0, 1, 4),
      offset: fc.integer({ min: 0, max: 8 * 3600 - 1 }),
      price: fc.integer({ min: 900, max: 1100 }),
      quantity: fc.integer({ min: 1, max: 50 }),
    }),
    { maxLength: 120 },
  )
  .map((rows) => {
    const sorted = rows
      .map((r) => ({
        ts: OPEN + r.day * 86_400_000 + r.offset * 1000,
        price: r.price / 100,
        quantity: r.quantity * 100,
      }))
      .sort((x, y) => x.ts - y.ts);
    const counters = new Map<number, number>();
    return sorted.map((r): BarTrade => {
      const day = barTime(r.ts, "1D");
      const n = (counters.get(day) ?? 0) + 1;
      counters.set(day, n);
      return { ...r, tradeNumber: n };
    });
  });

describe("BarAggregator property: history and live build the same bars", () => {
  for (const interval of ["1m", "5m", "1D"] as const) {
    it(`${interval}: all history = all live = any split, with or without overlap, live first or last`, () => {
      fc.assert(
        fc.property(
          tradesArb,
          fc.nat(),
          fc.nat({ max: 20 }),
          fc.boolean(),
          (trades, at, overlap, liveFirst) => {
            const bars = (feed: (a: BarAggregator) => void) => {
              const a = agg(interval, 100_000);
              feed(a);
              return a.page(Infinity, 100_000).candles;
            };
            const history = bars((a) => a.addAll(trades));
            const live = bars((a) => {
              for (const tr of trades) a.add({ ...tr, edit: false });
            });
            const split = trades.length === 0 ? 0 : at % (trades.length + 1);
            const older = trades.slice(0, Math.min(trades.length, split + overlap));
            const newer = trades.slice(split);
            const mixed = bars((a) => {
              if (liveFirst) newer.forEach((tr) => a.add(tr));
              a.addAll(older);
              if (!liveFirst) newer.forEach((tr) => a.add(tr));
            });
            expect(live).toEqual(history);
            expect(mixed).toEqual(history);
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});
