import type { BookView, Quote, ServerToClientEvents, TradeBatch } from "@pregao/contracts";

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
 * The outbox of a client that was never pushed to, shared by all of them. Never written: the push methods replace it
 * first, `delete`/`clear` on an empty map change nothing, and `discard` leaves an empty trade list alone.
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
  /** Upstream changes offered to this client, per channel (before conflation). */
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

/**
 * One client's outbox. Quotes and book views are conflated (latest per asset wins, so memory is bounded by the
 * client's subscriptions); trades are appended in order and capped at `tradeCap` (a slow client loses the oldest,
 * counted as dropped). `flush` sends at most one event per kind, and nothing while the transport is backed up.
 */
export class ClientConflator {
  // Most sockets sit idle or use one channel: each outbox starts as the shared empty one below and gets its own on
  // the first push (≈ 200 B per Map per socket otherwise). Only a push writes; `flush` reads and clears an empty one.
  private quotes: Map<string, Quote> = none;
  private books: Map<string, BookView> = none;
  /** When the BFF received the input of each pending book (BookView carries no receive time). */
  private bookAt: Map<string, number> = none;
  private trades: Array<{ asset: string; trade: TimedTrade; at: number }> = noTrades;
  readonly counters = emptyCounters();

  constructor(
    private readonly transport: ConflationTransport,
    private readonly tradeCap: number,
    private readonly meter: ConflationMeter = noMeter,
  ) {}

  /** `offered`: upstream changes this quote stands for (the hub already kept only the newest of a tick's changes). */
  pushQuote(quote: Quote, offered = 1): void {
    const c = this.counters;
    c.quotesOffered += offered;
    c.quotesConflated += offered - 1;
    if (this.quotes === none) this.quotes = new Map();
    // One hash lookup, not two (`has` then `set`): at 600 clients this is called ≈ 240,000 times a second.
    const before = this.quotes.size;
    if (this.quotes.set(quote.asset, quote).size === before) c.quotesConflated++;
  }

  /** `receivedAt`: when the BFF got the newest input of this view (epoch ms); `offered` as for quotes. */
  pushBook(book: BookView, receivedAt: number, offered = 1): void {
    const c = this.counters;
    c.booksOffered += offered;
    c.booksConflated += offered - 1;
    if (this.books === none) {
      this.books = new Map();
      this.bookAt = new Map();
    }
    const before = this.books.size;
    if (this.books.set(book.asset, book).size === before) c.booksConflated++;
    this.bookAt.set(book.asset, receivedAt);
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

  /** Forgets pending data for an asset the client just unsubscribed from. */
  discard(channel: "quotes" | "trades" | "book", asset: string): void {
    if (channel === "quotes") this.quotes.delete(asset);
    else if (channel === "book") {
      this.books.delete(asset);
      this.bookAt.delete(asset);
    } else if (this.trades.length > 0) this.trades = this.trades.filter((t) => t.asset !== asset);
  }

  get pending(): boolean {
    return this.quotes.size > 0 || this.books.size > 0 || this.trades.length > 0;
  }

  /**
   * Sends what changed since the last flush; returns false when skipped for backpressure or idle. `now`: the flush
   * time (epoch ms; the hub reads the clock once per tick for every client).
   */
  flush(now = Date.now()): boolean {
    if (!this.pending) return false;
    const c = this.counters;
    if (!this.transport.drained()) {
      c.skippedFlushes++;
      return false;
    }
    const { meter } = this;
    if (this.quotes.size > 0) {
      const quotes = [...this.quotes.values()];
      this.quotes.clear();
      c.quotesDelivered += quotes.length;
      c.emits++;
      this.transport.emit("quotes:updated", quotes);
      for (const q of quotes) meter.latency("quotes", now - q.receivedAt, now);
    }
    if (this.books.size > 0) {
      const books = [...this.books.values()];
      for (const at of this.bookAt.values()) meter.latency("book", now - at, now);
      this.books.clear();
      this.bookAt.clear();
      c.booksDelivered += books.length;
      c.emits++;
      this.transport.emit("book:updated", books);
    }
    if (this.trades.length > 0) {
      const batches = groupTrades(this.trades);
      for (const t of this.trades) meter.latency("trades", now - t.at, now);
      c.tradesDelivered += this.trades.length;
      this.trades = [];
      c.emits++;
      this.transport.emit("trades:added", batches);
    }
    return true;
  }
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
