import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookView, FeedClientMessage, Quote, TradeBatch } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import { FakeFeed, fakeDaily } from "../helpers/fake-feed.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";

const A = "PETR4:B";
const DAY = 86_400_000;
const level = (price: number, quantity = 100) => ({ price, quantity, count: 1 });
const trade = (tradeNumber: number, price: number) => ({
  tradeNumber,
  price,
  quantity: 100,
  volume: 1000,
  buyAgent: 1,
  sellAgent: 2,
  tradeType: 2,
  edit: false,
});

/** Each impossible message the scripted upstream sends, with the kind the BFF counts it under. */
const cases: Array<[string, Record<string, unknown>, string]> = [
  [
    "bid 99 / ask -5",
    { type: "bookSnapshot", asset: A, bids: [level(99)], asks: [level(-5)] },
    "price_not_positive",
  ],
  [
    "bid 1e308",
    { type: "bookSnapshot", asset: A, bids: [level(1e308)], asks: [level(10.01)] },
    "price_off_grid",
  ],
  [
    "a crossed snapshot",
    { type: "bookSnapshot", asset: A, bids: [level(12)], asks: [level(10)] },
    "book_crossed",
  ],
  ["a negative trade", { type: "trade", asset: A, trade: trade(9001, -5) }, "price_not_positive"],
  ["a trade off the grid", { type: "trade", asset: A, trade: trade(9002, 10.001) }, "price_off_grid"],
  [
    "an add that crosses the book",
    {
      type: "book",
      asset: A,
      updates: [{ action: 0, side: 0, position: 0, price: 10.5, quantity: 1, count: 1 }],
    },
    "book_crossed",
  ],
  [
    "daily high < low",
    { type: "daily", asset: A, daily: { ...fakeDaily(), high: 1, low: 2 } },
    "daily_inconsistent",
  ],
  [
    "a far-future trade",
    { type: "trade", asset: A, trade: trade(9003, 10), ts: Date.now() + DAY },
    "clock_ahead",
  ],
];

/** What the browser must never see: a price ≤ 0 or absurd, a crossed book, an exchange time in the future. */
function impossible(received: { quotes: Quote[]; books: BookView[]; trades: TradeBatch[] }): unknown[] {
  const future = Date.now() + 60_000;
  const badPrice = (p: number | null) => p !== null && (p <= 0 || p > 1e6);
  return [
    ...received.quotes.filter(
      (q) =>
        [q.last, q.bid, q.ask, q.high, q.low].some(badPrice) || q.exchangeTs > future || q.high! < q.low!,
    ),
    ...received.books.filter(
      (b) =>
        [...b.bids, ...b.asks].some((l) => badPrice(l.price)) ||
        (b.bids[0] && b.asks[0] && b.bids[0].price >= b.asks[0].price) ||
        b.exchangeTs > future,
    ),
    ...received.trades.flatMap((t) => t.trades).filter((t) => badPrice(t.price) || t.ts > future),
  ];
}

describe("impossible upstream data never reaches a browser", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  let s: ClientSocket;
  const received = { quotes: [] as Quote[], books: [] as BookView[], trades: [] as TradeBatch[] };
  const resubscribes = () =>
    feed.received.filter((m: FeedClientMessage) => m.type === "subscribe" && m.assets.includes(A)).length;

  beforeAll(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t", { FEED_RESYNC_INTERVAL_MS: 0 });
    await until(() => bff.feed.catalog.known);
    s = await connect(bff.url);
    s.on("quotes:updated", (qs) => received.quotes.push(...qs));
    s.on("book:updated", (bs) => received.books.push(...bs));
    s.on("trades:added", (ts) => received.trades.push(...ts));
    const acks = await Promise.all([
      call(s, "quotes:subscribe", { assets: [A] }),
      call(s, "book:subscribe", { assets: [A] }),
      call(s, "trades:subscribe", { assets: [A] }),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    received.quotes.push(...acks[0].data.quotes);
    received.books.push(...acks[1].data.books);
  });
  afterAll(async () => {
    s.disconnect();
    await bff.close();
    await feed.close();
  });

  it.each(cases)("%s: dropped, counted, the asset re-subscribed", async (_name, msg, kind) => {
    const before = resubscribes();
    const counted = bff.feed.market.violations.snapshot()[kind as never] ?? 0;
    feed.broadcast(msg as never);
    await until(() => resubscribes() > before);
    expect(bff.feed.market.violations.snapshot()[kind as never]).toBe(counted + 1);
    // A valid trade after it: once the browser has it, anything forwarded before it has arrived too.
    const marker = 10_000 + Math.floor(Math.random() * 1e6);
    const arrived = next(s, "trades:added", (bs) =>
      bs.some((b) => b.trades.some((t) => t.tradeNumber === marker)),
    );
    await until(() => bff.feed.market.isReady(A));
    feed.broadcast({ type: "trade", asset: A, trade: trade(marker, 10.02) });
    await arrived;
    expect(impossible(received)).toEqual([]);
  });

  it("a far-future book update followed by normal ones leaves the book flowing", async () => {
    const before = resubscribes();
    feed.broadcast({
      type: "book",
      asset: A,
      ts: Date.now() + DAY,
      updates: [{ action: 2, side: 0, position: 0 }],
    });
    await until(() => resubscribes() > before);
    await until(() => bff.feed.market.isReady(A) && bff.feed.market.bookView(A)?.bids.length === 1);
    const flowed = next(s, "book:updated", (bs) => bs.some((b) => b.bids[0]?.quantity === 777));
    feed.broadcast({
      type: "book",
      asset: A,
      updates: [{ action: 1, side: 0, position: 0, quantity: 777, count: 3 }],
    });
    const [book] = (await flowed).filter((b) => b.asset === A);
    expect(book!.exchangeTs).toBeLessThanOrEqual(Date.now());
    expect(impossible(received)).toEqual([]);
  });
});
