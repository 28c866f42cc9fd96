import { describe, expect, it } from "vitest";
import { TradeRing, type TapeTrade } from "./trade-ring.ts";

/** 2026-12-03 14:00 São Paulo. */
const T0 = Date.UTC(2026, 11, 3, 17, 0, 0);
const DAY = 86_400_000;
const trade = (n: number, ts = T0 + n * 1000, over: Partial<TapeTrade> = {}): TapeTrade => ({
  tradeNumber: n,
  price: 10 + n / 100,
  quantity: 100,
  volume: 1000,
  buyAgent: 3,
  sellAgent: 8,
  tradeType: 2,
  edit: false,
  ts,
  ...over,
});
const numbers = (r: TradeRing) => r.list().map((t) => t.tradeNumber);
const { edit: _edit, ...historyOf } = trade(0);
const hist = (n: number) => ({ ...historyOf, tradeNumber: n, ts: T0 + n * 1000, price: 10 + n / 100 });

describe("TradeRing", () => {
  it("keeps the newest `capacity` prints ascending whatever the arrival order", () => {
    const r = new TradeRing(3);
    for (const n of [5, 1, 4, 2, 3, 6]) r.add(trade(n));
    expect(numbers(r)).toEqual([4, 5, 6]);
    expect(r.add(trade(2))).toBe(false); // older than everything held when full
  });

  it("counts a trade in history and live once (the seam), by session date + trade number", () => {
    const r = new TradeRing(10);
    for (const n of [7, 8]) r.add(trade(n)); // live first, while history was in flight
    expect(r.addHistory([5, 6, 7, 8].map(hist))).toBe(2);
    expect(numbers(r)).toEqual([5, 6, 7, 8]);
    expect(r.add(trade(8))).toBe(false);
    // The same number on another session date is another trade.
    expect(r.add(trade(8, T0 + 8000 + DAY))).toBe(true);
    expect(r.size).toBe(5);
  });

  it("an edit replaces the print it corrects; an edit of a print not held is dropped", () => {
    const r = new TradeRing(5);
    r.add(trade(1));
    expect(r.add(trade(1, T0 + 1000, { edit: true, price: 9.99 }))).toBe(true);
    expect(r.list()[0]).toMatchObject({ tradeNumber: 1, price: 9.99, edit: false });
    expect(r.add(trade(2, T0 + 2000, { edit: true }))).toBe(false);
    expect(r.size).toBe(1);
  });

  it("history larger than the ring: only its newest `capacity` trades are kept", () => {
    const r = new TradeRing(50);
    r.addHistory(Array.from({ length: 5000 }, (_, i) => hist(i + 1)));
    expect(r.size).toBe(50);
    expect(numbers(r)[0]).toBe(4951);
    expect(r.full).toBe(true);
  });
});
