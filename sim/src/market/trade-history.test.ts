import type { HistoryTrade } from "@pregao/contracts";
import { describe, expect, it } from "vitest";
import { loadInstruments } from "./instruments.ts";
import type { MarketEvent } from "./market.ts";
import {
  DAY_MS,
  SESSION_CLOSE_MS,
  SESSION_OPEN_MS,
  dayIndex,
  dayStartOf,
  isWeekday,
} from "./session-calendar.ts";
import { TradeHistory } from "./trade-history.ts";

// Thursday 2026-12-03 15:00 São Paulo.
const NOW = Date.UTC(2026, 11, 3, 18, 0);
const instruments = new Map(loadInstruments().map((i) => [i.info.asset, i]));
const history = (seed: number, opts: { maxSessionTrades?: number } = {}) =>
  new TradeHistory({ seed, clock: () => NOW, instrument: (a) => instruments.get(a)!, ...opts });
const asset = "PETR4:B";
const month = (h: TradeHistory) => h.trades(asset, dayStartOf(dayIndex(NOW) - 30), NOW);

describe("TradeHistory", () => {
  it("generates the same earlier sessions from the same seed and different ones from another", () => {
    const a = month(history(7));
    expect(a.length).toBeGreaterThan(1000);
    expect(month(history(7))).toEqual(a);
    expect(month(history(8))).not.toEqual(a);
  });

  it("prints only on weekdays, inside 10:00–17:55 São Paulo, oldest first, numbered per session", () => {
    const trades = month(history(1));
    const days = new Map<number, HistoryTrade[]>();
    for (const t of trades) days.set(dayIndex(t.ts), [...(days.get(dayIndex(t.ts)) ?? []), t]);
    expect(days.size).toBeGreaterThanOrEqual(20);
    for (const [day, list] of days) {
      expect(isWeekday(day)).toBe(true);
      const open = dayStartOf(day) + SESSION_OPEN_MS;
      expect(list.every((t) => t.ts >= open && t.ts < dayStartOf(day) + SESSION_CLOSE_MS)).toBe(true);
      expect(list.map((t) => t.tradeNumber)).toEqual(list.map((_, i) => i + 1));
    }
    expect(trades.map((t) => t.ts)).toEqual([...trades.map((t) => t.ts)].sort((x, y) => x - y));
  });

  it("closes the last earlier session at the instrument's previous close", () => {
    const yesterday = history(3).trades(asset, NOW - DAY_MS, dayStartOf(dayIndex(NOW)));
    expect(yesterday.at(-1)?.price).toBeCloseTo(instruments.get(asset)!.previousClose, 6);
  });

  it("answers today from the trades recorded live, bounded per asset, and only within the range", () => {
    const h = history(1, { maxSessionTrades: 3 });
    const trade = { price: 30, quantity: 100, volume: 3000, buyAgent: 3, sellAgent: 8, tradeType: 2 };
    for (let n = 1; n <= 5; n++) {
      const event: MarketEvent = {
        asset,
        messages: [
          { ts: NOW - 1000 + n, type: "trade", asset, trade: { ...trade, tradeNumber: n, edit: false } },
        ],
      };
      h.record(event);
    }
    expect(h.trades(asset, NOW - 5000, NOW + 1).map((t) => t.tradeNumber)).toEqual([3, 4, 5]);
    expect(h.trades(asset, NOW - 996, NOW - 995).map((t) => t.tradeNumber)).toEqual([4]);
  });
});
