import { describe, expect, it, vi } from "vitest";
import type { FeedServerMessage } from "@pregao/contracts";
import { BOOK_KEEP, MarketState } from "./market-state.ts";
import { fakeAssets, fakeDaily } from "../../tests/helpers/fake-feed.ts";

const NOW = 1_800_000_000_000;
const A = "PETR4:B";
let seq = 0;
const m = (msg: Record<string, unknown>, ts = NOW - 1000 + seq): FeedServerMessage =>
  ({ seq: ++seq, ts, asset: A, ...msg }) as never;
const level = (price: number, quantity = 100) => ({ price, quantity, count: 1 });
const ladder = (n: number, from: number, step: number) =>
  Array.from({ length: n }, (_, i) => level(Number((from + i * step).toFixed(2))));
const trade = (price: number) => ({
  tradeNumber: 1,
  price,
  quantity: 100,
  volume: 1,
  buyAgent: 1,
  sellAgent: 2,
  tradeType: 2,
  edit: false,
});

function held(bids = [level(9.99), level(9.98)], asks = [level(10.01)]) {
  const s = new MarketState({ now: () => NOW });
  s.track(A);
  s.apply(m({ type: "assetInfo", info: fakeAssets[0] }));
  s.apply(m({ type: "daily", daily: fakeDaily(10) }));
  s.apply(m({ type: "bookSnapshot", bids, asks }));
  s.apply(m({ type: "subscribed", assets: [A] }));
  s.takeChanges();
  const outOfSync = vi.fn();
  s.onOutOfSync(outOfSync);
  return { s, outOfSync };
}

describe("MarketState refuses impossible data", () => {
  it.each([
    [
      "bid 99 / ask -5",
      m({ type: "bookSnapshot", bids: [level(99)], asks: [level(-5)] }),
      "price_not_positive",
    ],
    ["a crossed snapshot", m({ type: "bookSnapshot", bids: [level(99)], asks: [level(10)] }), "book_crossed"],
    ["bid 1e308", m({ type: "bookSnapshot", bids: [level(1e308)], asks: [] }), "price_off_grid"],
    ["a negative trade", m({ type: "trade", trade: trade(-5) }), "price_not_positive"],
    ["a trade off the grid", m({ type: "trade", trade: trade(10.005) }), "price_off_grid"],
    [
      "daily high < low",
      m({ type: "daily", daily: { ...fakeDaily(), high: 1, low: 2 } }),
      "daily_inconsistent",
    ],
    ["a far-future time", m({ type: "tickerState", state: 2 }, NOW + 86_400_000), "clock_ahead"],
    [
      "an add that crosses the book",
      m({ type: "book", updates: [{ action: 0, side: 0, position: 0, price: 10.5, quantity: 1, count: 1 }] }),
      "book_crossed",
    ],
  ])("%s: not applied, counted, asset resynced", (_name, msg, kind) => {
    const { s, outOfSync } = held();
    const before = { quote: s.quote(A), book: s.bookView(A), received: s.receivedAt(A) };
    s.apply(msg, NOW);
    expect({ quote: s.quote(A), book: s.bookView(A), received: s.receivedAt(A) }).toEqual(before);
    expect(s.takeChanges()).toEqual({ quotes: [], books: [] });
    expect(outOfSync).toHaveBeenCalledWith(A);
    expect(s.violations.snapshot()).toEqual({ [kind]: 1 });
  });

  it("leaves the book as it was when one update of a group is invalid, until the next snapshot", () => {
    const { s, outOfSync } = held();
    const before = s.bookView(A);
    s.apply(
      m({
        type: "book",
        updates: [
          { action: 2, side: 0, position: 0 },
          { action: 0, side: 1, position: 0, price: 9.5, quantity: 1, count: 1 },
        ],
      }),
    );
    expect(s.bookView(A)).toEqual(before);
    expect(outOfSync).toHaveBeenCalledTimes(1);
    s.apply(m({ type: "book", updates: [{ action: 2, side: 0, position: 0 }] }));
    expect(s.bookView(A)).toEqual(before);
    s.apply(m({ type: "bookSnapshot", bids: [level(9.9)], asks: [level(10.1)] }));
    expect(s.bookView(A)).toMatchObject({ bids: [level(9.9)], asks: [level(10.1)] });
  });
});

describe("MarketState checks each book level once, and again when the tick size changes", () => {
  it("refuses the next update group once the tick size makes a kept level impossible", () => {
    const s = new MarketState({ now: () => NOW });
    s.track(A);
    s.apply(m({ type: "daily", daily: fakeDaily(10) }));
    // No assetInfo yet: the snapshot is checked on the finest grid, where 9.995 is fine.
    s.apply(m({ type: "bookSnapshot", bids: [level(9.995)], asks: [level(10.01)] }));
    s.apply(m({ type: "subscribed", assets: [A] }));
    s.apply(m({ type: "book", updates: [{ action: 1, side: 1, position: 0, quantity: 5, count: 1 }] }));
    expect(s.violations.snapshot()).toEqual({});
    const outOfSync = vi.fn();
    s.onOutOfSync(outOfSync);
    // The instrument's 0.01 tick arrives: 9.995 can no longer be a bid, and the next group finds it.
    s.apply(m({ type: "assetInfo", info: fakeAssets[0] }));
    s.apply(m({ type: "book", updates: [{ action: 1, side: 1, position: 0, quantity: 6, count: 1 }] }));
    expect(s.violations.snapshot()).toEqual({ price_off_grid: 1 });
    expect(outOfSync).toHaveBeenCalledWith(A);
  });
});

describe("MarketState exchange time and resyncs", () => {
  it("is never pinned by one message: a snapshot resets it and gets a new syncId", () => {
    const { s } = held();
    const first = s.bookView(A)!;
    s.apply(m({ type: "tickerState", state: 0 }, NOW + 240_000)); // ahead, but within the tolerance
    expect(s.quote(A)?.exchangeTs).toBe(NOW + 240_000);
    s.apply(m({ type: "bookSnapshot", bids: [level(9.98)], asks: [level(10.02)] }, NOW - 10));
    const resynced = s.bookView(A)!;
    expect(resynced.exchangeTs).toBe(NOW - 10);
    expect(resynced.syncId).toBeGreaterThan(first.syncId!);
    expect(s.quote(A)?.syncId).toBe(resynced.syncId);
    s.apply(
      m({ type: "book", updates: [{ action: 1, side: 0, position: 0, quantity: 5, count: 1 }] }, NOW - 5),
    );
    expect(s.bookView(A)).toMatchObject({ exchangeTs: NOW - 5, syncId: resynced.syncId });
  });

  it("keeps the book flowing after a refused far-future message", () => {
    const { s } = held();
    const ts = s.bookView(A)!.exchangeTs;
    s.apply(m({ type: "book", updates: [{ action: 2, side: 0, position: 1 }] }, NOW + 3_600_000));
    expect(s.bookView(A)!.exchangeTs).toBe(ts);
    // Nothing changed for the refused message.
    expect(s.takeChanges().books).toEqual([]);
    s.apply(m({ type: "bookSnapshot", bids: [level(9.97)], asks: [level(10.01)] }, NOW - 3));
    expect(s.takeChanges().books.map((b) => b.view.bids)).toEqual([[level(9.97)]]);
    s.apply(
      m({ type: "book", updates: [{ action: 1, side: 0, position: 0, quantity: 5, count: 1 }] }, NOW - 2),
    );
    expect(s.bookView(A)).toMatchObject({ bids: [level(9.97, 5)], exchangeTs: NOW - 2 });
    expect(s.takeChanges().books.map((b) => b.view.bids)).toEqual([[level(9.97, 5)]]);
  });
});

describe("MarketState book depth", () => {
  it("stores only BOOK_KEEP levels of a deep snapshot; deeper diffs apply as invisible", () => {
    const { s, outOfSync } = held(ladder(5000, 99.99, -0.01).slice(0, 5000), ladder(5000, 100, 0.01));
    expect(s.bookSize(A)).toEqual({ bids: BOOK_KEEP, asks: BOOK_KEEP, bidDepth: 5000, askDepth: 5000 });
    const view = s.bookView(A);
    s.apply(m({ type: "book", updates: [{ action: 1, side: 1, position: 4000, quantity: 1, count: 1 }] }));
    s.apply(m({ type: "book", updates: [{ action: 2, side: 0, position: 4999 }] }));
    expect(s.bookView(A)).toMatchObject({ bids: view!.bids, asks: view!.asks });
    expect(s.bookSize(A)).toMatchObject({ bidDepth: 4999, askDepth: 5000 });
    expect(outOfSync).not.toHaveBeenCalled();
    s.apply(m({ type: "book", updates: [{ action: 2, side: 0, position: 4999 }] }));
    expect(outOfSync).toHaveBeenCalledTimes(1);
  });

  it("asks for a snapshot once deletes near the top leave the view short of known levels", () => {
    const { s, outOfSync } = held(ladder(100, 99.99, -0.01), [level(100)]);
    s.apply(m({ type: "book", updates: [{ action: 8, side: 0, position: BOOK_KEEP - 11 }] }));
    expect(s.bookView(A)!.bids).toHaveLength(10);
    expect(outOfSync).not.toHaveBeenCalled();
    s.apply(m({ type: "book", updates: [{ action: 2, side: 0, position: 0 }] }));
    expect(outOfSync).toHaveBeenCalledWith(A);
  });
});
