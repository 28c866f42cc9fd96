import type { BookView, Quote, ServerToClientEvents, TradeBatch } from "@pregao/contracts";

type TimedTrade = TradeBatch["trades"][number];

/** A market-data channel a client subscribes to. */
export type Channel = "quotes" | "trades" | "book";

/**
 * Where delivery events go besides the counters (Prometheus metrics and the ops latency window). Called per update
 * on the hottest path there is: implementations use cached label children and allocate nothing.
 */
export interface ConflationMeter {
  /** One upstream change offered to one client. */
  offered(channel: Channel): void;
  /** `n` updates of `channel` sent to one client in one emit. */
  sent(channel: Channel, n: number): void;
  tradesDropped(n: number): void;
  flushSkipped(): void;
  /** Receive → emit latency of one delivered update; `now` is the flush time (epoch ms). */
  latency(channel: Channel, ms: number, now: number): void;
}

const noMeter: ConflationMeter = {
  offered: () => undefined,
  sent: () => undefined,
  tradesDropped: () => undefined,
  flushSkipped: () => undefined,
  latency: () => undefined,
};

/** The slice of a socket the conflator needs. */
export interface ConflationTransport {
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** False while earlier frames are still queued: skip this flush and keep conflating. */
  drained(): boolean;
}

/** Delivery counters, per client and globally. */
export interface ConflationCounters {
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
  private readonly quotes = new Map<string, Quote>();
  private readonly books = new Map<string, BookView>();
  /** When the BFF received the input of each pending book (BookView carries no receive time). */
  private readonly bookAt = new Map<string, number>();
  private trades: Array<{ asset: string; trade: TimedTrade; at: number }> = [];
  readonly counters = emptyCounters();

  constructor(
    private readonly transport: ConflationTransport,
    private readonly tradeCap: number,
    private readonly global: ConflationCounters = emptyCounters(),
    private readonly meter: ConflationMeter = noMeter,
  ) {}

  private count(key: keyof ConflationCounters, n = 1): void {
    this.counters[key] += n;
    this.global[key] += n;
  }

  pushQuote(quote: Quote): void {
    this.meter.offered("quotes");
    if (this.quotes.has(quote.asset)) this.count("quotesConflated");
    this.quotes.set(quote.asset, quote);
  }

  /** `receivedAt`: when the BFF got the newest input of this view (epoch ms). */
  pushBook(book: BookView, receivedAt: number): void {
    this.meter.offered("book");
    if (this.books.has(book.asset)) this.count("booksConflated");
    this.books.set(book.asset, book);
    this.bookAt.set(book.asset, receivedAt);
  }

  /** `receivedAt`: when the BFF got the trade (epoch ms). */
  pushTrade(asset: string, trade: TimedTrade, receivedAt: number): void {
    this.meter.offered("trades");
    this.trades.push({ asset, trade, at: receivedAt });
    const over = this.trades.length - this.tradeCap;
    if (over > 0) {
      this.trades.splice(0, over);
      this.count("tradesDropped", over);
      this.meter.tradesDropped(over);
    }
  }

  /** Forgets pending data for an asset the client just unsubscribed from. */
  discard(channel: "quotes" | "trades" | "book", asset: string): void {
    if (channel === "quotes") this.quotes.delete(asset);
    else if (channel === "book") {
      this.books.delete(asset);
      this.bookAt.delete(asset);
    } else this.trades = this.trades.filter((t) => t.asset !== asset);
  }

  get pending(): boolean {
    return this.quotes.size > 0 || this.books.size > 0 || this.trades.length > 0;
  }

  /** Sends what changed since the last flush; returns false when skipped for backpressure or idle. */
  flush(): boolean {
    if (!this.pending) return false;
    if (!this.transport.drained()) {
      this.count("skippedFlushes");
      this.meter.flushSkipped();
      return false;
    }
    const now = Date.now();
    const { meter } = this;
    if (this.quotes.size > 0) {
      const quotes = [...this.quotes.values()];
      this.quotes.clear();
      this.count("quotesDelivered", quotes.length);
      this.count("emits");
      this.transport.emit("quotes:updated", quotes);
      meter.sent("quotes", quotes.length);
      for (const q of quotes) meter.latency("quotes", now - q.receivedAt, now);
    }
    if (this.books.size > 0) {
      const books = [...this.books.values()];
      for (const at of this.bookAt.values()) meter.latency("book", now - at, now);
      this.books.clear();
      this.bookAt.clear();
      this.count("booksDelivered", books.length);
      this.count("emits");
      this.transport.emit("book:updated", books);
      meter.sent("book", books.length);
    }
    if (this.trades.length > 0) {
      const batches = groupTrades(this.trades);
      for (const t of this.trades) meter.latency("trades", now - t.at, now);
      this.count("tradesDelivered", this.trades.length);
      meter.sent("trades", this.trades.length);
      this.trades = [];
      this.count("emits");
      this.transport.emit("trades:added", batches);
    }
    return true;
  }
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
