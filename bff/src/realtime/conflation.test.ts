import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookView, Quote, TradeBatch } from "@pregao/contracts";
import { ClientConflator, type ConflationTransport } from "./conflation.ts";
import { TakenValues } from "./taken-values.ts";

const quote = (asset: string, last: number): Quote => ({
  asset,
  last,
  previousClose: 10,
  change: last - 10,
  changePct: null,
  open: null,
  high: null,
  low: null,
  bid: null,
  bidQty: null,
  ask: null,
  askQty: null,
  volume: 0,
  quantity: 0,
  trades: 0,
  lastTradeAt: null,
  tickerState: null,
  exchangeTs: 0,
  receivedAt: 0,
});
const trade = (n: number) => ({
  tradeNumber: n,
  price: 10,
  quantity: 100,
  volume: 1000,
  buyAgent: 1,
  sellAgent: 2,
  tradeType: 2,
  edit: false,
  ts: n,
});

function fakeTransport() {
  const sent: Array<{ event: string; payload: unknown }> = [];
  const t = { drained: true, sent } as { drained: boolean; sent: typeof sent };
  const transport: ConflationTransport = {
    emit: (event, payload) => void sent.push({ event, payload }),
    drained: () => t.drained,
  };
  return { t, transport };
}

/** The hub's side: one shared slot per asset, written by a tick (`offer*`), pulled by the conflators holding it. */
function takenMarket() {
  const quotes = new TakenValues<Quote>();
  const books = new TakenValues<BookView>();
  return {
    holdQuotes: (c: ClientConflator, ...assets: string[]) => {
      for (const a of assets) c.holdQuote(a, quotes.slot(a));
    },
    holdBook: (c: ClientConflator, asset: string) => c.holdBook(asset, books.slot(asset)),
    offerQuote: (q: Quote, offered = 1) => quotes.put(q.asset, q, offered, q.receivedAt),
    offerBook: (v: BookView, offered = 1) => books.put(v.asset, v, offered, 0),
  };
}

describe("ClientConflator", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends one quotes:updated per interval with the latest value per asset", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    const m = takenMarket();
    m.holdQuotes(c, "PETR4:B", "VALE3:B");
    setInterval(() => c.flush(), 50);
    // Two ticks' values before the flush: the client sends the newest, counting every change they stood for.
    m.offerQuote(quote("PETR4:B", 15), 5);
    m.offerQuote(quote("PETR4:B", 20), 5);
    m.offerQuote(quote("VALE3:B", 60));
    vi.advanceTimersByTime(50);
    expect(t.sent).toHaveLength(1);
    const payload = t.sent[0]!.payload as Quote[];
    expect(payload.map((q) => [q.asset, q.last])).toEqual([
      ["PETR4:B", 20],
      ["VALE3:B", 60],
    ]);
    expect(c.counters).toMatchObject({ quotesOffered: 11, quotesDelivered: 2, quotesConflated: 9, emits: 1 });
    vi.advanceTimersByTime(200);
    expect(t.sent).toHaveLength(1); // nothing changed → nothing sent
  });

  it("sends a value taken before it held the asset only when a newer one comes (the snapshot covered it)", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    const m = takenMarket();
    const other = new ClientConflator(fakeTransport().transport, 100);
    m.holdQuotes(other, "PETR4:B"); // someone already holds it: its slot has a value
    m.offerQuote(quote("PETR4:B", 1));
    m.holdQuotes(c, "PETR4:B");
    expect(c.flush()).toBe(false);
    m.offerQuote(quote("PETR4:B", 2), 3);
    c.flush();
    expect(t.sent).toEqual([{ event: "quotes:updated", payload: [quote("PETR4:B", 2)] }]);
    expect(c.counters).toMatchObject({ quotesOffered: 3, quotesDelivered: 1, quotesConflated: 2 });
  });

  it("sends only changed assets", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    const m = takenMarket();
    m.holdQuotes(c, "PETR4:B", "VALE3:B");
    m.offerQuote(quote("PETR4:B", 1));
    m.offerQuote(quote("VALE3:B", 1));
    c.flush();
    m.offerQuote(quote("VALE3:B", 2));
    c.flush();
    expect((t.sent[1]!.payload as Quote[]).map((q) => q.asset)).toEqual(["VALE3:B"]);
  });

  it("skips a slow client and catches it up with the latest value once drained", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    const m = takenMarket();
    m.holdQuotes(c, "PETR4:B");
    setInterval(() => c.flush(), 50);
    t.drained = false;
    for (let i = 0; i < 5; i++) {
      m.offerQuote(quote("PETR4:B", i));
      vi.advanceTimersByTime(50);
    }
    expect(t.sent).toHaveLength(0);
    expect(c.counters.skippedFlushes).toBe(5);
    t.drained = true;
    vi.advanceTimersByTime(50);
    expect(t.sent).toHaveLength(1);
    expect((t.sent[0]!.payload as Quote[])[0]!.last).toBe(4);
    expect(c.counters).toMatchObject({
      quotesOffered: 5,
      quotesDelivered: 1,
      quotesConflated: 4,
      skippedFlushes: 5,
    });
  });

  it("batches trades per asset in order without dropping under the cap", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    const m = takenMarket();
    m.holdQuotes(c, "PETR4:B");
    for (let i = 0; i < 30; i++) c.pushTrade(i % 2 ? "VALE3:B" : "PETR4:B", trade(i), 0);
    m.offerQuote(quote("PETR4:B", 1));
    c.flush();
    expect(t.sent.map((s) => s.event)).toEqual(["quotes:updated", "trades:added"]);
    const batches = t.sent[1]!.payload as TradeBatch[];
    expect(batches.map((b) => b.asset)).toEqual(["PETR4:B", "VALE3:B"]);
    expect(batches[0]!.trades.map((x) => x.tradeNumber)).toEqual([
      0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28,
    ]);
    expect(c.counters).toMatchObject({ tradesDelivered: 30, tradesDropped: 0 });
  });

  it("drops and counts the oldest trades above the cap", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 10);
    t.drained = false;
    for (let i = 0; i < 25; i++) c.pushTrade("PETR4:B", trade(i), 0);
    c.flush();
    t.drained = true;
    c.flush();
    const batches = t.sent[0]!.payload as TradeBatch[];
    expect(batches[0]!.trades.map((x) => x.tradeNumber)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(c.counters).toMatchObject({ tradesDelivered: 10, tradesDropped: 15 });
  });

  it("conflates book views and sends nothing of an asset after its unsubscribe", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 10);
    const m = takenMarket();
    m.holdBook(c, "PETR4:B");
    m.holdQuotes(c, "VALE3:B");
    const view = (q: number) => ({
      asset: "PETR4:B",
      bids: [{ price: 1, quantity: q, count: 1 }],
      asks: [],
      exchangeTs: 0,
    });
    m.offerBook(view(1));
    m.offerBook(view(2));
    m.offerQuote(quote("VALE3:B", 1));
    c.discard("quotes", "VALE3:B");
    c.flush();
    expect(t.sent).toEqual([{ event: "book:updated", payload: [view(2)] }]);
    expect(c.counters).toMatchObject({ booksDelivered: 1, booksConflated: 1 });
  });

  it("has nothing pending, discards and flushes nothing before its first subscribe", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 10);
    expect(c.pending).toBe(false);
    for (const channel of ["quotes", "book", "trades"] as const) c.discard(channel, "PETR4:B");
    expect(c.pending).toBe(false);
    expect(c.flush()).toBe(false);
    expect(t.sent).toEqual([]);
    expect(c.counters).toMatchObject({ quotesConflated: 0, booksConflated: 0, emits: 0 });
  });

  it("keeps each client's outbox its own (none sends what only another holds)", () => {
    const a = fakeTransport();
    const b = fakeTransport();
    const first = new ClientConflator(a.transport, 10);
    const second = new ClientConflator(b.transport, 10);
    const m = takenMarket();
    m.holdQuotes(first, "PETR4:B");
    m.holdBook(first, "PETR4:B");
    m.offerQuote(quote("PETR4:B", 1));
    m.offerBook({ asset: "PETR4:B", bids: [], asks: [], exchangeTs: 0 });
    first.pushTrade("PETR4:B", trade(1), 0);
    expect(second.pending).toBe(false);
    expect(second.flush()).toBe(false);
    expect(first.flush()).toBe(true);
    expect(a.t.sent.map((s) => s.event)).toEqual(["quotes:updated", "book:updated", "trades:added"]);
    expect(b.t.sent).toEqual([]);
    // After the flush the first has nothing pending until the next tick's value; one change conflates nothing.
    expect(first.pending).toBe(false);
    m.offerQuote(quote("PETR4:B", 2));
    expect(first.pending).toBe(true);
    expect(first.flush()).toBe(true);
    expect(first.counters).toMatchObject({ quotesOffered: 2, quotesDelivered: 2, quotesConflated: 0 });
  });
});
