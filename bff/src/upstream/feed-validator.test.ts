import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromTicks, type BookLevel, type FeedServerMessage } from "@pregao/contracts";
import { fakeAssets, fakeDaily } from "../../tests/helpers/fake-feed.ts";
import { checkBook, checkMessage, type CheckContext } from "./feed-validator.ts";

const NOW = 1_800_000_000_000;
const ctx: CheckContext = { tickSize: 0.01, now: NOW, maxClockSkewMs: 300_000 };
const msg = (m: Record<string, unknown>): FeedServerMessage =>
  ({ seq: 1, ts: NOW, asset: "PETR4:B", ...m }) as never;
const level = (price: number, quantity = 100, count = 1): BookLevel => ({ price, quantity, count });
const trade = (price: number, quantity = 100) =>
  msg({
    type: "trade",
    trade: {
      tradeNumber: 1,
      price,
      quantity,
      volume: 1,
      buyAgent: 1,
      sellAgent: 2,
      tradeType: 2,
      edit: false,
    },
  });
const add = (price: number, quantity = 100) => ({
  action: 0,
  side: 0,
  position: 0,
  price,
  quantity,
  count: 1,
});

describe("checkMessage", () => {
  it.each([
    ["negative trade price", trade(-5), "price_not_positive", "trade.price"],
    ["zero trade price", trade(0), "price_not_positive", "trade.price"],
    ["1e308", trade(1e308), "price_off_grid", "trade.price"],
    ["off the tick grid", trade(33.50000001), "price_off_grid", "trade.price"],
    ["zero trade quantity", trade(10, 0), "quantity_not_positive", "trade.quantity"],
    ["book add at -5", msg({ type: "book", updates: [add(-5)] }), "price_not_positive", "updates.0.price"],
    ["book add at 1e308", msg({ type: "book", updates: [add(1e308)] }), "price_off_grid", "updates.0.price"],
    [
      "book edit to 0 lots",
      msg({ type: "book", updates: [{ action: 1, side: 1, position: 0, quantity: 0, count: 1 }] }),
      "quantity_not_positive",
      "updates.0.quantity",
    ],
    ["daily close < 0", msg({ type: "daily", daily: fakeDaily(-1) }), "price_not_positive", "daily.close"],
    [
      "daily high < low",
      msg({ type: "daily", daily: { ...fakeDaily(), high: 9, low: 9.4 } }),
      "daily_inconsistent",
      "daily.high",
    ],
    [
      "daily negative previous close",
      msg({ type: "daily", daily: { ...fakeDaily(), previousClose: -9.8 } }),
      "price_not_positive",
      "daily.previousClose",
    ],
    [
      "daily negative limit",
      msg({ type: "daily", daily: { ...fakeDaily(), minLimit: -1 } }),
      "price_not_positive",
      "daily.minLimit",
    ],
    [
      "tick with 9 decimals",
      msg({ type: "assetInfo", info: { ...fakeAssets[0], tickSize: 1e-9 } }),
      "tick_size_invalid",
      "info.tickSize",
    ],
    [
      "a far-future exchange time",
      msg({ type: "tickerState", state: 0, ts: NOW + 86_400_000 }),
      "clock_ahead",
      "ts",
    ],
  ])("refuses %s", (_name, m, kind, field) => {
    expect(checkMessage(m, ctx)).toMatchObject({ kind, field });
  });

  it("accepts valid messages, a clock skew within the tolerance and an old exchange time", () => {
    expect(checkMessage(trade(37.29), ctx)).toBeNull();
    expect(checkMessage(msg({ type: "daily", daily: fakeDaily() }), ctx)).toBeNull();
    expect(checkMessage(msg({ type: "tickerState", state: 0, ts: NOW + 300_000 }), ctx)).toBeNull();
    expect(checkMessage(msg({ type: "tickerState", state: 0, ts: NOW - 86_400_000 }), ctx)).toBeNull();
    expect(
      checkMessage(msg({ type: "book", updates: [{ action: 2, side: 0, position: 3 }] }), ctx),
    ).toBeNull();
  });

  it("checks prices on the finest countable grid before the tick is known", () => {
    const unknown = { ...ctx, tickSize: null };
    expect(checkMessage(trade(37.295), unknown)).toBeNull();
    expect(checkMessage(trade(1e308), unknown)).toMatchObject({ kind: "price_off_grid" });
    expect(checkMessage(trade(0.000000001), unknown)).toMatchObject({ kind: "price_off_grid" });
  });
});

describe("checkBook", () => {
  it("refuses crossed, locked and unordered books", () => {
    expect(checkBook({ bids: [level(99)], asks: [level(10)] }, 0.01)).toMatchObject({ kind: "book_crossed" });
    expect(checkBook({ bids: [level(10)], asks: [level(10)] }, 0.01)).toMatchObject({ kind: "book_crossed" });
    expect(checkBook({ bids: [level(9), level(9.5)], asks: [] }, 0.01)).toMatchObject({
      kind: "book_crossed",
    });
    expect(checkBook({ bids: [level(9)], asks: [level(-5)] }, 0.01)).toMatchObject({
      kind: "price_not_positive",
      field: "asks.0.price",
    });
    expect(checkBook({ bids: [level(9, 0)], asks: [] }, 0.01)).toMatchObject({
      kind: "quantity_not_positive",
    });
  });

  it("accepts every valid book (property)", () => {
    const tick = fc.constantFrom(0.01, 0.5, 5, 0.0001);
    const distinct = fc.uniqueArray(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 40 });
    const qty = fc.integer({ min: 1, max: 1_000_000_000 });
    fc.assert(
      fc.property(tick, distinct, qty, (t, ticks, q) => {
        const sorted = [...ticks].sort((a, b) => a - b);
        const cut = Math.floor(sorted.length / 2);
        const bids = sorted
          .slice(0, cut)
          .reverse()
          .map((n) => level(fromTicks(n, t), q));
        const asks = sorted.slice(cut).map((n) => level(fromTicks(n, t), q));
        expect(checkBook({ bids, asks }, t)).toBeNull();
      }),
    );
  });
});
