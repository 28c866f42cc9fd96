import type { HistoryTrade } from "@pregao/contracts";
import { describe, expect, it } from "vitest";
import { loadInstruments } from "./instruments.ts";
import type { MarketEvent } from "./market.ts";
import { SessionTrades } from "./session-trades.ts";
import { MAX_SESSION_TRADES, TradeHistory } from "./trade-history.ts";

// Thursday 2026-12-03 15:00 São Paulo.
const NOW = Date.UTC(2026, 11, 3, 18, 0);
const asset = "PETR4:B";
const instruments = new Map(loadInstruments().map((i) => [i.info.asset, i]));

const print = (n: number): Omit<HistoryTrade, "ts"> => ({
  tradeNumber: n,
  price: 30 + (n % 100) / 100,
  quantity: 100 * ((n % 7) + 1),
  volume: 3000.5 + n,
  buyAgent: 3 + (n % 5),
  sellAgent: 8 + (n % 3),
  tradeType: 2 + (n % 2),
});
const tradeEvent = (n: number): MarketEvent => ({
  asset,
  messages: [{ ts: NOW - 10_000_000 + n, type: "trade", asset, trade: { ...print(n), edit: false } }],
});

describe("SessionTrades", () => {
  it("keeps the newest maxTrades prints, oldest first, field for field, in at most maxTrades slots", () => {
    const ring = new SessionTrades(2500);
    for (let n = 1; n <= 10_000; n++) ring.push(print(n), 1_000 + n);
    expect(ring.size).toBe(2500);
    expect(ring.allocated).toBe(2500);
    const out: HistoryTrade[] = [];
    ring.between(0, Number.POSITIVE_INFINITY, out);
    expect(out.map((t) => t.tradeNumber)).toEqual(Array.from({ length: 2500 }, (_, i) => 7501 + i));
    expect(out[0]).toEqual({ ...print(7501), ts: 8501 });
    expect(out.at(-1)).toEqual({ ...print(10_000), ts: 11_000 });
  });

  it("grows on demand (a quiet asset costs little) and keeps the order across a grow of a wrapped ring", () => {
    const ring = new SessionTrades(3000);
    for (let n = 1; n <= 10; n++) ring.push(print(n), n);
    expect(ring.allocated).toBeLessThan(3000);
    for (let n = 11; n <= 5000; n++) ring.push(print(n), n);
    const out: HistoryTrade[] = [];
    ring.between(4000, 4003, out);
    expect(out.map((t) => t.tradeNumber)).toEqual([4000, 4001, 4002]);
    ring.clear();
    expect(ring.size).toBe(0);
    ring.push(print(1), 1);
    const again: HistoryTrade[] = [];
    ring.between(0, 10, again);
    expect(again).toEqual([{ ...print(1), ts: 1 }]);
  });
});

describe("TradeHistory at its bound", () => {
  const history = () =>
    new TradeHistory({ seed: 1, clock: () => NOW, instrument: (a) => instruments.get(a)! });

  it("stays within MAX_SESSION_TRADES per asset after many more prints", () => {
    const h = history();
    for (let n = 1; n <= MAX_SESSION_TRADES + 20_000; n++) h.record(tradeEvent(n));
    expect(h.sessionSize(asset)).toEqual({ trades: MAX_SESSION_TRADES, allocated: MAX_SESSION_TRADES });
    const today = h.trades(asset, NOW - 20_000_000, NOW);
    expect(today).toHaveLength(MAX_SESSION_TRADES);
    expect(today[0]!.tradeNumber).toBe(20_001);
  });
});
