import type { BookView, Quote, ServerToClientEvents, TradeBatch } from "@pregao/contracts";
import type { TakenValue } from "./taken-values.ts";

type TimedTrade = TradeBatch["trades"][number];

/** A market-data channel a client subscribes to. */
export type Channel = "quotes" | "trades" | "book";

/**
 * Where the per-update receive → emit latency goes (Prometheus histogram and the ops panel's window). A latency is a
 * distribution, so unlike the counters it cannot be read at scrape time: it is observed per delivered update, on the
 * hottest path there is, so implementations accumulate locally and allocate nothing.
 */
export interface ConflationMeter {
  /** Receive → emit latency of one delivered update; `now` is the flush time (epoch ms). */
  latency(channel: Channel, ms: number, now: number): void;
  /**
   * Where the delivery counts are read at scrape time: the hub hands over its `totals` once, at start (the counts
   * live in the conflators' counters only, nothing is counted twice).
   */
  countFrom(read: () => Readonly<ConflationCounters>): void;
}

/**
 * The holdings and trade list of a client that holds nothing, shared by all of them. Never written: `hold*` and
 * `pushTrade` replace them first, `delete` on an empty map changes nothing, and `discard` leaves an empty list alone.
 */
const none = new Map<never, never>();
const noTrades: never[] = [];

const noMeter: ConflationMeter = { latency: () => undefined, countFrom: () => undefined };

/** The slice of a socket the conflator needs. */
export interface ConflationTransport {
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** False while earlier frames are still queued: skip this flush and keep conflating. */
  drained(): boolean;
}

/**
 * One client's delivery counters: plain numbers, the only place a delivery is counted. Totals (`/api/v1/stats`,
 * Prometheus) are summed from them when read.
 */
export interface ConflationCounters {
  /** Upstream changes this client was sent the result of, per channel (before conflation). */
  quotesOffered: number;
  booksOffered: number;
  tradesOffered: number;
  quotesDelivered: number;
  quotesConflated: number;
  booksDelivered: number;
  booksConflated: number;
  tradesDelivered: number;
  tradesDropped: number;
  /** Flushes skipped because the transport was not drained. */
  skippedFlushes: number;
  emits: number;
}

export const emptyCounters = (): ConflationCounters => ({
  quotesOffered: 0,
  booksOffered: 0,
  tradesOffered: 0,
  quotesDelivered: 0,
  quotesConflated: 0,
  booksDelivered: 0,
  booksConflated: 0,
  tradesDelivered: 0,
  tradesDropped: 0,
  skippedFlushes: 0,
  emits: 0,
});

/** The counters a pulled channel's deliveries go to. */
const pulledCounters = {
  quotes: { offered: "quotesOffered", conflated: "quotesConflated", delivered: "quotesDelivered" },
  book: { offered: "booksOffered", conflated: "booksConflated", delivered: "booksDelivered" },
} as const satisfies Record<"quotes" | "book", Record<string, keyof ConflationCounters>>;

/** One held asset: the shared slot, and how far this client has sent it. */
interface Holding<V> {
  readonly slot: TakenValue<V>;
  version: number;
  offered: number;
}

/**
 * One client's outbox. Quotes and book views are pulled at flush time: the client holds a reference to each held
 * asset's shared taken value (`taken-values.ts`) and sends those whose version moved since it last sent them — the
 * newest value only, however many ticks it missed (a client skipped for backpressure conflates for free, and memory is
 * bounded by its subscriptions). Trades are appended in order as they arrive and capped at `tradeCap` (a slow client
 * loses the oldest, counted as dropped). `flush` sends at most one event per kind, and nothing while the transport is
 * backed up.
 */
export class ClientConflator {
  // Most sockets sit idle or use one channel: each starts with the shared empty holdings below and gets its own on
  // the first subscribe (≈ 200 B per Map per socket otherwise).
  private quotes: Map<string, Holding<Quote>> = none;
  private books: Map<string, Holding<BookView>> = none;
  private trades: Array<{ asset: string; trade: TimedTrade; at: number }> = noTrades;
  readonly counters = emptyCounters();

  constructor(
    private readonly transport: ConflationTransport,
    private readonly tradeCap: number,
    private readonly meter: ConflationMeter = noMeter,
  ) {}

  /** Starts sending `asset`'s quotes: from the slot's next value on (the subscribe's snapshot covers the current one). */
  holdQuote(asset: string, slot: TakenValue<Quote>): void {
    if (this.quotes === none) this.quotes = new Map();
    this.quotes.set(asset, { slot, version: slot.version, offered: slot.offered });
  }

  /** As `holdQuote`, for the asset's depth view. */
  holdBook(asset: string, slot: TakenValue<BookView>): void {
    if (this.books === none) this.books = new Map();
    this.books.set(asset, { slot, version: slot.version, offered: slot.offered });
  }

  /** `receivedAt`: when the BFF got the trade (epoch ms). */
  pushTrade(asset: string, trade: TimedTrade, receivedAt: number): void {
    this.counters.tradesOffered++;
    if (this.trades === noTrades) this.trades = [];
    this.trades.push({ asset, trade, at: receivedAt });
    const over = this.trades.length - this.tradeCap;
    if (over > 0) {
      this.trades.splice(0, over);
      this.counters.tradesDropped += over;
    }
  }

  /** The client unsubscribed from `asset` on `channel`: nothing more of it is sent, pending trades included. */
  discard(channel: "quotes" | "trades" | "book", asset: string): void {
    if (channel === "quotes") this.quotes.delete(asset);
    else if (channel === "book") this.books.delete(asset);
    else if (this.trades.length > 0) this.trades = this.trades.filter((t) => t.asset !== asset);
  }

  /** Whether a flush now would send something. */
  get pending(): boolean {
    return this.trades.length > 0 || moved(this.quotes) || moved(this.books);
  }

  /**
   * Sends what changed since the last flush; returns false when skipped for backpressure or idle. `now`: the flush
   * time (epoch ms; the hub reads the clock once per tick for every client it flushes).
   */
  flush(now = Date.now()): boolean {
    const c = this.counters;
    if (!this.transport.drained()) {
      if (this.pending) c.skippedFlushes++;
      return false;
    }
    const quotes = this.pull("quotes", this.quotes, now);
    if (quotes) this.transport.emit("quotes:updated", quotes);
    const books = this.pull("book", this.books, now);
    if (books) this.transport.emit("book:updated", books);
    let sent = quotes !== null || books !== null;
    if (this.trades.length > 0) {
      const batches = groupTrades(this.trades);
      for (const t of this.trades) this.meter.latency("trades", now - t.at, now);
      c.tradesDelivered += this.trades.length;
      this.trades = [];
      c.emits++;
      this.transport.emit("trades:added", batches);
      sent = true;
    }
    return sent;
  }

  /**
   * The values on `channel` this client has not sent yet, marked sent, counted (offered = delivered + conflated) and
   * timed; null when there are none.
   */
  private pull<V>(
    channel: "quotes" | "book",
    holdings: ReadonlyMap<string, Holding<V>>,
    now: number,
  ): V[] | null {
    if (holdings.size === 0) return null;
    let values: V[] | null = null;
    let offered = 0;
    for (const h of holdings.values()) {
      const { slot } = h;
      if (slot.version === h.version) continue;
      (values ??= []).push(slot.value as V);
      offered += slot.offered - h.offered;
      h.version = slot.version;
      h.offered = slot.offered;
      this.meter.latency(channel, now - slot.receivedAt, now);
    }
    if (!values) return null;
    const c = this.counters;
    const k = pulledCounters[channel];
    c[k.offered] += offered;
    c[k.conflated] += offered - values.length;
    c[k.delivered] += values.length;
    c.emits++;
    return values;
  }
}

/** Whether any holding's slot has a value this client has not sent. */
function moved<V>(holdings: ReadonlyMap<string, Holding<V>>): boolean {
  for (const h of holdings.values()) if (h.slot.version !== h.version) return true;
  return false;
}

/** Adds `c` into `into` (totals over clients). */
export function addCounters(into: ConflationCounters, c: Readonly<ConflationCounters>): void {
  for (const k of Object.keys(into) as Array<keyof ConflationCounters>) into[k] += c[k];
}

/** Groups trades by asset, keeping arrival order inside each batch and the order of first appearance. */
function groupTrades(entries: ReadonlyArray<{ asset: string; trade: TimedTrade }>): TradeBatch[] {
  const byAsset = new Map<string, TimedTrade[]>();
  for (const { asset, trade } of entries) {
    const list = byAsset.get(asset);
    if (list) list.push(trade);
    else byAsset.set(asset, [trade]);
  }
  return [...byAsset].map(([asset, trades]) => ({ asset, trades }));
}
