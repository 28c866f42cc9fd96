import { describe, expect, it } from "vitest";
import type { Daily } from "@pregao/contracts";
import { FloorMarket } from "./floor-market.ts";

const A = "PETR4:B";
const daily: Daily = {
  open: 10,
  high: 11,
  low: 9,
  close: 10.5,
  previousClose: 10,
  volume: 1000,
  quantity: 100,
  trades: 7,
  settlement: null,
  maxLimit: 20,
  minLimit: 1,
  volumeBuyer: 500,
  volumeSeller: 500,
  openInterest: 0,
};
const level = (price: number, quantity = 100) => ({ price, quantity, count: 1 });

describe("FloorMarket", () => {
  it("has no quote until the asset has a daily and a book, as the BFF", () => {
    const m = new FloorMarket();
    expect(m.apply({ type: "daily", asset: A, ts: 1, daily }, 100)).toBeNull();
    expect(m.quote(A)).toBeNull();
    expect(
      m.apply({ type: "bookSnapshot", asset: A, ts: 2, bids: [level(10.4)], asks: [level(10.6)] }, 101),
    ).toBe(A);
    expect(m.quote(A)).toMatchObject({
      asset: A,
      last: 10.5,
      bid: 10.4,
      ask: 10.6,
      exchangeTs: 2,
      receivedAt: 101,
    });
  });

  it("merges trades, book diffs and ticker state into the BFF's quote fields", () => {
    const m = new FloorMarket();
    m.apply({ type: "daily", asset: A, ts: 1, daily }, 100);
    m.apply({ type: "bookSnapshot", asset: A, ts: 2, bids: [level(10.4)], asks: [level(10.6)] }, 100);
    const trade = {
      tradeNumber: 1,
      price: 10.7,
      quantity: 100,
      volume: 1070,
      buyAgent: 1,
      sellAgent: 2,
      tradeType: 0,
      edit: false,
    };
    expect(m.apply({ type: "trade", asset: A, ts: 5, trade }, 105)).toBe(A);
    m.apply(
      {
        type: "book",
        asset: A,
        ts: 4,
        updates: [{ action: 0, side: 0, position: 0, price: 10.5, quantity: 300, count: 2 }],
      },
      106,
    );
    m.apply({ type: "tickerState", asset: A, ts: 6, state: 2 }, 107);
    expect(m.quote(A)).toEqual({
      asset: A,
      last: 10.7,
      previousClose: 10,
      change: 0.7,
      changePct: 7,
      open: 10,
      high: 11,
      low: 9,
      bid: 10.5,
      bidQty: 300,
      ask: 10.6,
      askQty: 100,
      volume: 1000,
      quantity: 100,
      trades: 7,
      lastTradeAt: 5,
      tickerState: 2,
      exchangeTs: 6,
      receivedAt: 107,
    });
  });

  it("drops a book whose diff does not fit (no quote until the next snapshot) and ignores other messages", () => {
    const m = new FloorMarket();
    m.apply({ type: "daily", asset: A, ts: 1, daily }, 100);
    m.apply({ type: "bookSnapshot", asset: A, ts: 2, bids: [], asks: [] }, 100);
    expect(
      m.apply({ type: "book", asset: A, ts: 3, updates: [{ action: 2, side: 0, position: 5 }] }, 101),
    ).toBeNull();
    expect(m.quote(A)).toBeNull();
    expect(m.apply({ type: "heartbeat", ts: 4 }, 102)).toBeNull();
  });

  it("sends a quote for a book diff only when a top level changes, as the BFF", () => {
    const m = new FloorMarket();
    m.apply({ type: "daily", asset: A, ts: 1, daily }, 100);
    const bids = [level(10.4), level(10.3), level(10.2)];
    m.apply({ type: "bookSnapshot", asset: A, ts: 2, bids, asks: [level(10.6)] }, 100);
    const deep = { action: 1, side: 0, position: 2, price: 10.2, quantity: 700, count: 3 } as const;
    expect(m.apply({ type: "book", asset: A, ts: 3, updates: [deep] }, 101)).toBeNull();
    expect(m.quote(A)).toMatchObject({ bidQty: 100, exchangeTs: 3 });
    const top = { action: 1, side: 0, position: 0, price: 10.4, quantity: 900, count: 2 } as const;
    expect(m.apply({ type: "book", asset: A, ts: 4, updates: [top] }, 102)).toBe(A);
    expect(m.quote(A)).toMatchObject({ bid: 10.4, bidQty: 900, exchangeTs: 4 });
    const newBestAsk = { action: 0, side: 1, position: 0, price: 10.5, quantity: 50, count: 1 } as const;
    expect(m.apply({ type: "book", asset: A, ts: 5, updates: [newBestAsk] }, 103)).toBe(A);
    expect(m.quote(A)).toMatchObject({ ask: 10.5, askQty: 50 });
  });
});
