import { EventEmitter } from "cockatiel";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { BookView, Quote } from "@pregao/contracts";
import type { MarketChanges, TradeEvent } from "../upstream/market-state.ts";
import { SubscriptionRegistry } from "../upstream/subscriptions.ts";
import { RealtimeHub, type Channel, type HubFeed } from "./hub.ts";
import { SubscriptionBudget } from "./subscription-budget.ts";
import { channels } from "./subscription-record.ts";

const transport = { emit: () => undefined, drained: () => true };

/** A feed whose market changes are what the test offers and whose registry is the real one, sinking into a set. */
function fakeFeed() {
  const upstream = new Set<string>();
  const registry = new SubscriptionRegistry(
    {
      subscribe: (assets) => assets.forEach((a) => upstream.add(a)),
      unsubscribe: (assets) => assets.forEach((a) => upstream.delete(a)),
    },
    0,
  );
  const pending: MarketChanges = { quotes: [], books: [] };
  const trades = new EventEmitter<TradeEvent>();
  const feed: HubFeed = {
    market: {
      takeChanges: () => ({ quotes: pending.quotes.splice(0), books: pending.books.splice(0) }),
      onTrade: trades.addListener,
    },
    subscriptions: registry,
  };
  const offerQuote = (quote: Quote, offered = 1) => void pending.quotes.push({ quote, offered });
  const offerBook = (view: BookView, receivedAt: number, offered = 1) =>
    void pending.books.push({ view, receivedAt, offered });
  return { feed, registry, upstream, offerQuote, offerBook, trades };
}

const quote = (asset: string, last: number): Quote => ({
  asset,
  last,
  previousClose: null,
  change: null,
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

describe("RealtimeHub.stats", () => {
  it("stays bounded with many clients: a summary over all and at most 20 samples", () => {
    const closed: number[] = [];
    const hub = new RealtimeHub(fakeFeed().feed, {
      conflationMs: 1000,
      tradeCap: 10,
      onClientClosed: (c) => closed.push(c.tradesDropped),
    });
    try {
      for (let i = 0; i < 250; i++) {
        const s = hub.add(`s${i}`, transport);
        s.conflator.counters.quotesDelivered = i;
      }
      const stats = hub.stats();
      expect(stats.clients).toBe(250);
      expect(Object.keys(stats.perClient.samples)).toHaveLength(20);
      expect(stats.perClient.omitted).toBe(230);
      expect(stats.perClient.summary.quotesDelivered).toEqual({ min: 0, max: 249, mean: 124.5 });
      expect(JSON.stringify(stats).length).toBeLessThan(10_000);
      hub.remove("s0");
      expect(closed).toEqual([0]);
      // A client that left still counts in the totals.
      expect(hub.totals().quotesDelivered).toBe((249 * 250) / 2);
    } finally {
      hub.dispose();
    }
  });
});

describe("RealtimeHub fan-out", () => {
  it("hands a tick's holders the market's newest quote, counting every change offered, and nothing to one who left", () => {
    vi.useFakeTimers();
    const f = fakeFeed();
    const hub = new RealtimeHub(f.feed, { conflationMs: 50, tradeCap: 10 });
    try {
      const sent: Array<[string, unknown]> = [];
      const sub = (id: string) =>
        hub.add(id, { emit: (_e, p) => void sent.push([id, p]), drained: () => true });
      const [a, b] = [sub("a"), sub("b")];
      hub.subscribe(a, "quotes", ["PETR4:B"]);
      hub.subscribe(b, "quotes", ["PETR4:B"]);
      f.offerQuote(quote("PETR4:B", 10), 10);
      hub.unsubscribe(b, "quotes", ["PETR4:B"]);
      vi.advanceTimersByTime(50);
      expect(sent).toEqual([["a", [quote("PETR4:B", 10)]]]);
      expect(a.conflator.counters).toMatchObject({
        quotesOffered: 10,
        quotesConflated: 9,
        quotesDelivered: 1,
      });
      expect(b.conflator.counters).toMatchObject({ quotesOffered: 0, quotesDelivered: 0 });
    } finally {
      hub.dispose();
      vi.useRealTimers();
    }
  });

  it("pushes the market's values to the holders only, without reading the state back", () => {
    vi.useFakeTimers();
    const f = fakeFeed();
    const hub = new RealtimeHub(f.feed, { conflationMs: 50, tradeCap: 10 });
    try {
      const sent: Array<[string, string, unknown]> = [];
      const sub = (id: string) =>
        hub.add(id, { emit: (e, p) => void sent.push([id, e, p]), drained: () => true });
      const [a, b] = [sub("a"), sub("b")];
      hub.subscribe(a, "quotes", ["PETR4:B"]);
      hub.subscribe(b, "quotes", ["VALE3:B"]);
      hub.subscribe(b, "book", ["PETR4:B"]);
      const q = quote("PETR4:B", 10);
      f.offerQuote(q);
      const view = { asset: "PETR4:B", bids: [], asks: [], exchangeTs: 1 };
      f.offerBook(view, 1);
      vi.advanceTimersByTime(50);
      expect(sent).toEqual([
        ["a", "quotes:updated", [q]],
        ["b", "book:updated", [view]],
      ]);
      expect(hub.totals()).toMatchObject({ quotesOffered: 1, quotesDelivered: 1, booksDelivered: 1 });
    } finally {
      hub.dispose();
      vi.useRealTimers();
    }
  });

  it("gives a removed subscriber nothing: a subscribe after remove takes no upstream interest", () => {
    const f = fakeFeed();
    const hub = new RealtimeHub(f.feed, { conflationMs: 1000, tradeCap: 10 });
    try {
      const a = hub.add("a", transport);
      hub.remove("a");
      expect(hub.has(a)).toBe(false);
      expect(hub.subscribe(a, "quotes", ["ITUB4:B"])).toBeNull();
      expect(f.registry.refCount("ITUB4:B")).toBe(0);
      expect(hub.holderCount("quotes", "ITUB4:B")).toBe(0);
    } finally {
      hub.dispose();
    }
  });

  it("acquires upstream once per channel for the first holder and releases after the last", () => {
    const f = fakeFeed();
    const hub = new RealtimeHub(f.feed, { conflationMs: 1000, tradeCap: 10 });
    try {
      const [a, b] = [hub.add("a", transport), hub.add("b", transport)];
      hub.subscribe(a, "quotes", ["ITUB4:B"]);
      hub.subscribe(b, "quotes", ["ITUB4:B"]);
      expect(f.registry.refCount("ITUB4:B")).toBe(1);
      expect(hub.holderCount("quotes", "ITUB4:B")).toBe(2);
      hub.remove("a");
      expect(f.registry.refCount("ITUB4:B")).toBe(1);
      hub.unsubscribe(b, "quotes", ["ITUB4:B"]);
      expect(f.registry.refCount("ITUB4:B")).toBe(0);
      expect(f.upstream.has("ITUB4:B")).toBe(false);
    } finally {
      hub.dispose();
    }
  });
});

describe("RealtimeHub flush groups", () => {
  it("flushes each group on its own tick, every client once per interval, each with the newest value at its tick", () => {
    vi.useFakeTimers();
    const f = fakeFeed();
    const hub = new RealtimeHub(f.feed, { conflationMs: 50, tradeCap: 10, flushGroups: 2 });
    try {
      const sent: Array<[string, number]> = [];
      const sub = (id: string) =>
        hub.add(id, {
          emit: (_e, p) => void sent.push([id, (p as Quote[])[0]!.last!]),
          drained: () => true,
        });
      const [a, b] = [sub("a"), sub("b")];
      hub.subscribe(a, "quotes", ["PETR4:B"]);
      hub.subscribe(b, "quotes", ["PETR4:B"]);
      f.offerQuote(quote("PETR4:B", 1));
      vi.advanceTimersByTime(25);
      expect(sent).toEqual([["a", 1]]);
      f.offerQuote(quote("PETR4:B", 2));
      vi.advanceTimersByTime(25);
      expect(sent).toEqual([
        ["a", 1],
        ["b", 2],
      ]);
      vi.advanceTimersByTime(25);
      expect(sent).toEqual([
        ["a", 1],
        ["b", 2],
        ["a", 2],
      ]);
      vi.advanceTimersByTime(100); // nothing new: nothing sent
      expect(sent).toHaveLength(3);
      expect(b.conflator.counters).toMatchObject({
        quotesOffered: 2,
        quotesDelivered: 1,
        quotesConflated: 1,
      });
      expect(a.conflator.counters).toMatchObject({
        quotesOffered: 2,
        quotesDelivered: 2,
        quotesConflated: 0,
      });
    } finally {
      hub.dispose();
      vi.useRealTimers();
    }
  });

  it("puts a new client in the smallest group, so groups stay even as clients come and go", () => {
    vi.useFakeTimers();
    const f = fakeFeed();
    const hub = new RealtimeHub(f.feed, { conflationMs: 30, tradeCap: 10, flushGroups: 3 });
    try {
      const flushedAt = new Map<string, number[]>();
      const sub = (id: string) => {
        const s = hub.add(id, { emit: () => flushedAt.get(id)!.push(Date.now()), drained: () => true });
        flushedAt.set(id, []);
        hub.subscribe(s, "quotes", ["PETR4:B"]);
        return s;
      };
      for (const id of ["a", "b", "c", "d"]) sub(id); // groups: a d | b | c
      hub.remove("b");
      sub("e"); // into b's emptied group
      for (let i = 0; i < 6; i++) {
        f.offerQuote(quote("PETR4:B", i));
        vi.advanceTimersByTime(10);
      }
      const times = (id: string) => flushedAt.get(id)!;
      for (const id of ["a", "c", "d", "e"]) expect(times(id)).toHaveLength(2); // once per 30 ms
      expect(times("d")).toEqual(times("a"));
      expect(new Set(["a", "c", "e"].map((id) => times(id)[0])).size).toBe(3);
    } finally {
      hub.dispose();
      vi.useRealTimers();
    }
  });
});

describe("RealtimeHub taken values", () => {
  it("a subscriber coming back after the last holder left gets no old value, only the next one", () => {
    vi.useFakeTimers();
    const f = fakeFeed();
    const hub = new RealtimeHub(f.feed, { conflationMs: 50, tradeCap: 10 });
    try {
      const sent: unknown[] = [];
      const a = hub.add("a", { emit: (_e, p) => void sent.push(p), drained: () => true });
      hub.subscribe(a, "quotes", ["PETR4:B"]);
      f.offerQuote(quote("PETR4:B", 1));
      vi.advanceTimersByTime(50);
      hub.unsubscribe(a, "quotes", ["PETR4:B"]);
      f.offerQuote(quote("PETR4:B", 2)); // taken while nobody holds it: dropped
      vi.advanceTimersByTime(50);
      hub.subscribe(a, "quotes", ["PETR4:B"]);
      vi.advanceTimersByTime(50);
      expect(sent).toEqual([[quote("PETR4:B", 1)]]);
      f.offerQuote(quote("PETR4:B", 3));
      vi.advanceTimersByTime(50);
      expect(sent).toEqual([[quote("PETR4:B", 1)], [quote("PETR4:B", 3)]]);
    } finally {
      hub.dispose();
      vi.useRealTimers();
    }
  });
});

const assets = ["A:B", "B:B", "C:B", "D:B"];
const ids = ["s0", "s1", "s2", "s3"];
const op = fc.oneof(
  fc.record({
    kind: fc.constant("subscribe" as const),
    id: fc.constantFrom(...ids),
    channel: fc.constantFrom<Channel>(...channels),
    assets: fc.subarray(assets),
  }),
  fc.record({
    kind: fc.constant("unsubscribe" as const),
    id: fc.constantFrom(...ids),
    channel: fc.constantFrom<Channel>(...channels),
    assets: fc.subarray(assets),
  }),
  fc.record({ kind: fc.constant("disconnect" as const), id: fc.constantFrom(...ids) }),
);

describe("RealtimeHub subscription record (property)", () => {
  it("upstream refs, upstream subscriptions and budgets always equal what the record derives", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const f = fakeFeed();
        const budget = new SubscriptionBudget({ perSession: 6, perUser: 9 });
        const hub = new RealtimeHub(f.feed, { conflationMs: 1000, tradeCap: 10, budget });
        const owners = (id: string) => ({ session: `sess-${Number(id[1]) % 2}`, user: "u" });
        /** The model: what each socket holds per channel, independent of the hub. */
        const model = new Map<string, Record<Channel, Set<string>>>();
        const live = new Map<string, ReturnType<typeof hub.add>>();
        const connect = (id: string) => {
          let s = live.get(id);
          if (!s) {
            s = hub.add(id, transport, owners(id));
            live.set(id, s);
            model.set(id, { quotes: new Set(), trades: new Set(), book: new Set() });
          }
          return s;
        };
        try {
          for (const o of ops) {
            if (o.kind === "disconnect") {
              hub.remove(o.id);
              live.delete(o.id);
              model.delete(o.id);
            } else if (o.kind === "subscribe") {
              const s = connect(o.id);
              if (!hub.subscribe(s, o.channel, o.assets))
                for (const a of o.assets) model.get(o.id)![o.channel].add(a);
            } else {
              const s = connect(o.id);
              hub.unsubscribe(s, o.channel, o.assets);
              for (const a of o.assets) model.get(o.id)![o.channel].delete(a);
            }
            for (const a of assets) {
              const holding = channels.filter((ch) => [...model.values()].some((m) => m[ch].has(a)));
              expect(f.registry.refCount(a)).toBe(holding.length);
              expect(f.upstream.has(a)).toBe(holding.length > 0);
              for (const ch of channels)
                expect(hub.holderCount(ch, a)).toBe([...model.values()].filter((m) => m[ch].has(a)).length);
            }
            for (const [id, s] of live)
              for (const ch of channels) {
                expect([...hub.held(s, ch)].sort()).toEqual([...model.get(id)![ch]].sort());
                const session = [...model]
                  .filter(([other]) => owners(other).session === owners(id).session)
                  .reduce((n, [, m]) => n + m[ch].size, 0);
                expect(budget.held(owners(id), ch).session).toBe(session);
              }
          }
          // Everyone gone: nothing held upstream, nothing left in the budgets.
          for (const id of [...live.keys()]) hub.remove(id);
          for (const a of assets) expect(f.registry.refCount(a)).toBe(0);
          expect(f.upstream.size).toBe(0);
          for (const ch of channels) expect(budget.held(owners("s0"), ch)).toEqual({ session: 0, user: 0 });
        } finally {
          hub.dispose();
        }
      }),
      { numRuns: 300 },
    );
  });
});
