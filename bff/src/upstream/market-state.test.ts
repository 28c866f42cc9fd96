import { describe, expect, it, vi } from "vitest";
import type { FeedServerMessage } from "@pregao/contracts";
import { MarketState } from "./market-state.ts";
import { fakeAssets, fakeDaily } from "../../tests/helpers/fake-feed.ts";

let seq = 0;
const m = (msg: Record<string, unknown>): FeedServerMessage =>
  ({ seq: ++seq, ts: 1000 + seq, ...msg }) as never;
const level = (price: number, quantity = 100) => ({ price, quantity, count: 1 });

function snapshot(state: MarketState, asset = "PETR4:B"): void {
  state.apply(m({ type: "assetInfo", info: fakeAssets[0] }));
  state.apply(m({ type: "tickerState", asset, state: 0 }));
  state.apply(m({ type: "daily", asset, daily: fakeDaily(10) }));
  state.apply(
    m({ type: "bookSnapshot", asset, bids: [level(9.99), level(9.98)], asks: [level(10.01, 300)] }),
  );
  state.apply(m({ type: "subscribed", assets: [asset] }));
}

describe("MarketState", () => {
  it("derives a quote from daily, trades and the top of book", () => {
    const s = new MarketState();
    s.track("PETR4:B");
    expect(s.quote("PETR4:B")).toBeNull();
    snapshot(s);
    s.apply(
      m({
        type: "trade",
        asset: "PETR4:B",
        trade: {
          tradeNumber: 1,
          price: 10.29,
          quantity: 100,
          volume: 1029,
          buyAgent: 1,
          sellAgent: 2,
          tradeType: 2,
          edit: false,
        },
      }),
      5000,
    );
    expect(s.quote("PETR4:B")).toMatchObject({
      asset: "PETR4:B",
      last: 10.29,
      previousClose: 9.8,
      change: 0.49,
      changePct: 5,
      open: 9.5,
      high: 10.5,
      low: 9.4,
      bid: 9.99,
      bidQty: 100,
      ask: 10.01,
      askQty: 300,
      volume: 1000,
      trades: 3,
      tickerState: 0,
      receivedAt: 5000,
    });
    expect(s.recentTrades("PETR4:B")).toHaveLength(1);
  });

  it("maintains the book with diffs and serves a top-10 view", () => {
    const s = new MarketState();
    s.track("PETR4:B");
    snapshot(s);
    s.takeChanges();
    s.apply(
      m({
        type: "book",
        asset: "PETR4:B",
        updates: [{ action: 0, side: 0, position: 0, price: 10, quantity: 50, count: 1 }],
      }),
      6000,
    );
    expect(s.bookView("PETR4:B")?.bids.map((l) => l.price)).toEqual([10, 9.99, 9.98]);
    // The new values themselves: the taker never has to read the state back.
    const first = s.takeChanges();
    expect(first.books).toEqual([{ view: s.bookView("PETR4:B"), receivedAt: 6000, offered: 1 }]);
    expect(first.quotes).toEqual([{ quote: s.quote("PETR4:B"), offered: 1 }]);
    expect(first.quotes[0]?.quote).toMatchObject({ bid: 10, bidQty: 50, receivedAt: 6000 });
    s.apply(
      m({
        type: "book",
        asset: "PETR4:B",
        updates: [{ action: 1, side: 0, position: 2, quantity: 7, count: 1 }],
      }),
    );
    // Below the top: a new book view, no new quote.
    const second = s.takeChanges();
    expect(second.books.map((b) => b.view.bids[2])).toMatchObject([{ price: 9.98, quantity: 7 }]);
    expect(second.quotes).toEqual([]);
    expect(s.quote("PETR4:B")?.bid).toBe(10);
  });

  it("gives nothing for an asset until it is ready, then its quote and book at once", () => {
    const s = new MarketState();
    s.track("PETR4:B");
    s.apply(m({ type: "daily", asset: "PETR4:B", daily: fakeDaily(10) }));
    expect(s.takeChanges()).toEqual({ quotes: [], books: [] });
    snapshot(s);
    expect(s.takeChanges()).toEqual({
      quotes: [{ quote: s.quote("PETR4:B"), offered: 1 }],
      books: [{ view: s.bookView("PETR4:B"), receivedAt: expect.any(Number), offered: 1 }],
    });
  });

  it("conflates at the source: one take gives each changed asset's newest values once, counting every change", () => {
    const s = new MarketState();
    for (const a of ["PETR4:B", "VALE3:B"]) {
      s.track(a);
      snapshot(s, a);
    }
    s.takeChanges();
    const depth = (quantity: number, receivedAt: number) =>
      s.apply(
        m({
          type: "book",
          asset: "PETR4:B",
          updates: [{ action: 1, side: 1, position: 0, quantity, count: 1 }],
        }),
        receivedAt,
      );
    depth(200, 7000);
    s.apply(m({ type: "tickerState", asset: "PETR4:B", state: 1 }), 7001);
    depth(250, 7002);
    s.apply(m({ type: "tickerState", asset: "PETR4:B", state: 2 }), 7003);
    const { quotes, books } = s.takeChanges();
    // Four quote changes (two top-of-book, two ticker states), two view changes: one value each, the newest.
    expect(quotes).toEqual([{ quote: s.quote("PETR4:B"), offered: 4 }]);
    expect(quotes[0]?.quote).toMatchObject({ askQty: 250, tickerState: 2, receivedAt: 7003 });
    // The view's receive time is its own newest input's, not the ticker state's that came after it.
    expect(books).toEqual([{ view: s.bookView("PETR4:B"), receivedAt: 7002, offered: 2 }]);
    expect(s.takeChanges()).toEqual({ quotes: [], books: [] });
  });

  it("leaves out of a take an asset forgotten since it changed, and starts a re-tracked one afresh", () => {
    const s = new MarketState();
    s.track("PETR4:B");
    snapshot(s);
    s.forget("PETR4:B");
    expect(s.takeChanges()).toEqual({ quotes: [], books: [] });
    s.track("PETR4:B");
    s.apply(m({ type: "tickerState", asset: "PETR4:B", state: 1 }));
    expect(s.takeChanges()).toEqual({ quotes: [], books: [] });
    snapshot(s);
    expect(s.takeChanges().quotes.map((q) => q.quote)).toEqual([s.quote("PETR4:B")]);
  });

  it("emits each live trade with its own receive time", () => {
    const s = new MarketState();
    s.track("PETR4:B");
    snapshot(s);
    const trades = vi.fn();
    s.onTrade(trades);
    const trade = {
      tradeNumber: 9,
      price: 10,
      quantity: 100,
      volume: 1000,
      buyAgent: 1,
      sellAgent: 2,
      tradeType: 2,
      edit: false,
    };
    s.apply(m({ type: "trade", asset: "PETR4:B", trade }), 7000);
    expect(trades).toHaveBeenCalledWith({
      asset: "PETR4:B",
      trade: expect.objectContaining({ tradeNumber: 9 }),
      receivedAt: 7000,
    });
  });

  it("asks for a resync when a diff does not fit, and ignores diffs until the next snapshot", () => {
    const s = new MarketState();
    s.track("PETR4:B");
    snapshot(s);
    const outOfSync = vi.fn();
    s.onOutOfSync(outOfSync);
    s.apply(m({ type: "book", asset: "PETR4:B", updates: [{ action: 2, side: 1, position: 5 }] }));
    expect(outOfSync).toHaveBeenCalledWith("PETR4:B");
    s.apply(m({ type: "book", asset: "PETR4:B", updates: [{ action: 2, side: 0, position: 0 }] }));
    expect(s.bookView("PETR4:B")?.bids).toHaveLength(2);
    s.apply(m({ type: "bookSnapshot", asset: "PETR4:B", bids: [level(9.9)], asks: [level(10.1)] }));
    s.apply(m({ type: "book", asset: "PETR4:B", updates: [{ action: 2, side: 0, position: 0 }] }));
    expect(s.bookView("PETR4:B")).toMatchObject({ bids: [], asks: [level(10.1)] });
    expect(outOfSync).toHaveBeenCalledTimes(1);
  });

  it("waitReady resolves on the snapshot, on an invalid ticker, or after the bound", async () => {
    vi.useFakeTimers();
    try {
      const s = new MarketState();
      for (const a of ["PETR4:B", "VALE3:B"]) s.track(a);
      const ready = s.waitReady(["PETR4:B"], 1000);
      snapshot(s);
      await ready;
      const invalid = s.waitReady(["VALE3:B"], 1000);
      s.apply(m({ type: "invalidTicker", asset: "VALE3:B" }));
      await invalid;
      const bounded = vi.fn();
      void s.waitReady(["VALE3:B"], 1000).then(bounded);
      await vi.advanceTimersByTimeAsync(999);
      expect(bounded).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(bounded).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it("ignores messages for assets it does not track", () => {
    const s = new MarketState();
    snapshot(s);
    expect(s.quote("PETR4:B")).toBeNull();
  });
});
