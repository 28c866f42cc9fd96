import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Quote, TradeBatch } from "@pregao/contracts";
import { ClientConflator, type ConflationTransport } from "./conflation.ts";

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

describe("ClientConflator", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends one quotes:updated per interval with the latest value per asset", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    setInterval(() => c.flush(), 50);
    for (let i = 1; i <= 10; i++) c.pushQuote(quote("PETR4:B", 10 + i));
    c.pushQuote(quote("VALE3:B", 60));
    vi.advanceTimersByTime(50);
    expect(t.sent).toHaveLength(1);
    const payload = t.sent[0]!.payload as Quote[];
    expect(payload.map((q) => [q.asset, q.last])).toEqual([
      ["PETR4:B", 20],
      ["VALE3:B", 60],
    ]);
    expect(c.counters).toMatchObject({ quotesDelivered: 2, quotesConflated: 9, emits: 1 });
    vi.advanceTimersByTime(200);
    expect(t.sent).toHaveLength(1); // nothing changed → nothing sent
  });

  it("sends only changed assets", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    c.pushQuote(quote("PETR4:B", 1));
    c.pushQuote(quote("VALE3:B", 1));
    c.flush();
    c.pushQuote(quote("VALE3:B", 2));
    c.flush();
    expect((t.sent[1]!.payload as Quote[]).map((q) => q.asset)).toEqual(["VALE3:B"]);
  });

  it("skips a slow client and catches it up with the latest value once drained", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 100);
    setInterval(() => c.flush(), 50);
    t.drained = false;
    for (let i = 0; i < 5; i++) {
      c.pushQuote(quote("PETR4:B", i));
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
    for (let i = 0; i < 30; i++) c.pushTrade(i % 2 ? "VALE3:B" : "PETR4:B", trade(i), 0);
    c.pushQuote(quote("PETR4:B", 1));
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

  it("conflates book views and discards pending data on unsubscribe", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 10);
    const view = (q: number) => ({
      asset: "PETR4:B",
      bids: [{ price: 1, quantity: q, count: 1 }],
      asks: [],
      exchangeTs: 0,
    });
    c.pushBook(view(1), 0);
    c.pushBook(view(2), 0);
    c.pushQuote(quote("VALE3:B", 1));
    c.discard("quotes", "VALE3:B");
    c.flush();
    expect(t.sent).toEqual([{ event: "book:updated", payload: [view(2)] }]);
    expect(c.counters).toMatchObject({ booksDelivered: 1, booksConflated: 1 });
  });

  it("has nothing pending, discards and flushes nothing before its first push", () => {
    const { t, transport } = fakeTransport();
    const c = new ClientConflator(transport, 10);
    expect(c.pending).toBe(false);
    for (const channel of ["quotes", "book", "trades"] as const) c.discard(channel, "PETR4:B");
    expect(c.pending).toBe(false);
    expect(c.flush()).toBe(false);
    expect(t.sent).toEqual([]);
    expect(c.counters).toMatchObject({ quotesConflated: 0, booksConflated: 0, emits: 0 });
  });

  it("keeps each client's outbox its own (none starts with another's pushes)", () => {
    const a = fakeTransport();
    const b = fakeTransport();
    const first = new ClientConflator(a.transport, 10);
    const second = new ClientConflator(b.transport, 10);
    first.pushQuote(quote("PETR4:B", 1));
    first.pushBook({ asset: "PETR4:B", bids: [], asks: [], exchangeTs: 0 }, 0);
    first.pushTrade("PETR4:B", trade(1), 0);
    expect(second.pending).toBe(false);
    expect(second.flush()).toBe(false);
    expect(first.flush()).toBe(true);
    expect(a.t.sent.map((s) => s.event)).toEqual(["quotes:updated", "book:updated", "trades:added"]);
    expect(b.t.sent).toEqual([]);
    // Emptied by the flush, the first outbox takes pushes again; the first push of a kind conflates nothing.
    first.pushQuote(quote("PETR4:B", 2));
    expect(first.counters.quotesConflated).toBe(0);
    expect(first.pending).toBe(true);
  });
});
