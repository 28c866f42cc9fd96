import { EventEmitter } from "cockatiel";
import {
  BookOutOfSyncError,
  type BookUpdate,
  type BookView,
  type FeedServerMessage,
  type Quote,
  type Trade,
} from "@pregao/contracts";
import { silentLogger, type Logger } from "../lib/logger.ts";
import { applyBoundedUpdates, boundedSnapshot, copyBook, coversView } from "./bounded-book.ts";
import { checkBook, checkBookOrder, checkMessage, type Violation } from "./feed-validator.ts";
import { FeedViolations } from "./feed-violations.ts";
import { deriveQuote, emptyAssetState, type AssetState } from "./quote.ts";
import { ReadyWaiters } from "./ready-waiters.ts";

export type TimedTrade = Trade & { ts: number };

/** A ready asset's newest quote since the last take, and how many upstream changes it stands for (≥ 1). */
export interface QuoteChange {
  quote: Quote;
  offered: number;
}

/** A ready asset's newest depth view since the last take: when the BFF received the newest input behind it (epoch ms). */
export interface BookChange {
  view: BookView;
  receivedAt: number;
  offered: number;
}

/** What changed since the last `takeChanges`: one value per asset and view, the newest. */
export interface MarketChanges {
  quotes: QuoteChange[];
  books: BookChange[];
}

/** A live trade of a ready asset, with when the BFF received it (epoch ms). */
export interface TradeEvent {
  asset: string;
  trade: TimedTrade;
  receivedAt: number;
}

/** Which of an asset's views one message changed (internal: the tick takes the values). */
interface Changed {
  readonly quote: boolean;
  readonly book: boolean;
}
const QUOTE: Changed = { quote: true, book: false };
const BOOK: Changed = { quote: false, book: true };
const BOTH: Changed = { quote: true, book: true };
/** Info only: nothing shown changes, but the message counts as received. */
const NONE: Changed = { quote: false, book: false };

/** Levels per side in the browsers' depth view. */
export const BOOK_DEPTH = 10;
/**
 * Levels per side the BFF keeps: the view plus a margin. Diffs below the kept levels change nothing visible, but
 * every delete inside them shrinks what is known (the level moving up from below is unknown), so the margin is how
 * many net deletes near the top the view absorbs before the asset needs a fresh snapshot (see `coversView`).
 * A 90 MB full book therefore costs 2 × 30 levels, not the whole book.
 */
export const BOOK_KEEP = BOOK_DEPTH + 20;
const RECENT_TRADES = 50;
/** What `applyTo` returns for a message it refused (nothing about the asset changes, not even `receivedAt`). */
const REFUSED = Symbol("refused");
/** Default FEED_MAX_CLOCK_SKEW_MS. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface MarketStateOptions {
  /** How far ahead of the BFF's clock an exchange time may be before the message is refused. */
  maxClockSkewMs?: number;
  /** Where sampled violation logs go. */
  logger?: Logger;
  /** The BFF's clock (tests). */
  now?: () => number;
}

interface Entry extends AssetState {
  ready: boolean;
  recent: TimedTrade[];
  /**
   * The tick size every kept book level was checked against (undefined: none yet). Levels are checked as they arrive,
   * so an update group re-checks only order and crossing — unless the tick size changed since (assetInfo after the
   * snapshot), when the whole kept book is checked once more.
   */
  levelsCheckedFor?: number | null;
  /** Changes to the quote since the last take (0: not in `changedQuotes`). */
  quoteChanges: number;
  /** Changes to the depth view since the last take (0: not in `changedBooks`), and the newest one's receive time. */
  bookChanges: number;
  bookReceivedAt: number;
}

/**
 * Per-asset market state built from upstream messages: info, daily, ticker state, book (contracts'
 * `applyBookUpdates`) and recent trades. Serves snapshots to new subscribers without an upstream round trip.
 *
 * Quotes and depth views conflate at the source: a message marks what it changed, and `takeChanges` (the fan-out's
 * tick) derives each changed asset's newest value once. Deriving on every message built ≈ 10 values per asset per
 * 50 ms tick of which the tick sends one (docs/performance.md, "Conflation at the source"). Trades are events, never
 * conflated: each is emitted as it arrives.
 */
export class MarketState {
  private readonly assets = new Map<string, Entry>();
  private readonly waiters = new ReadyWaiters();
  /** Entries whose quote / depth view changed since the last take, once each (their counters say so). */
  private changedQuotes: Entry[] = [];
  private changedBooks: Entry[] = [];
  private readonly tradeEmitter = new EventEmitter<TradeEvent>();
  private readonly outOfSyncEmitter = new EventEmitter<string>();
  private readonly maxClockSkewMs: number;
  private readonly now: () => number;
  private lastSyncId = 0;
  /** Impossible data refused so far, by kind. */
  readonly violations: FeedViolations;
  readonly onTrade = this.tradeEmitter.addListener;
  /** The asset's book no longer fits the diffs, or the upstream sent impossible data for it: re-subscribe it. */
  readonly onOutOfSync = this.outOfSyncEmitter.addListener;

  constructor(options: MarketStateOptions = {}) {
    this.maxClockSkewMs = options.maxClockSkewMs ?? MAX_CLOCK_SKEW_MS;
    this.now = options.now ?? Date.now;
    this.violations = new FeedViolations(options.logger ?? silentLogger);
  }

  /** Starts holding `asset`; messages for assets not tracked are ignored. */
  track(asset: string): void {
    if (!this.assets.has(asset))
      this.assets.set(asset, {
        ...emptyAssetState(asset),
        ready: false,
        recent: [],
        quoteChanges: 0,
        bookChanges: 0,
        bookReceivedAt: 0,
      });
  }

  /** Stops holding `asset` (after the upstream unsubscribe). */
  forget(asset: string): void {
    this.assets.delete(asset);
    this.waiters.resolve(asset);
  }

  isReady(asset: string): boolean {
    return this.assets.get(asset)?.ready ?? false;
  }

  quote(asset: string): Quote | null {
    const s = this.assets.get(asset);
    return s?.ready ? deriveQuote(s) : null;
  }

  bookView(asset: string): BookView | null {
    const s = this.assets.get(asset);
    return s?.ready ? viewOf(s) : null;
  }

  /** Levels held per side (at most BOOK_KEEP) and the upstream's depth; null when not held. */
  bookSize(asset: string): { bids: number; asks: number; bidDepth: number; askDepth: number } | null {
    const s = this.assets.get(asset);
    return s
      ? { bids: s.bids.length, asks: s.asks.length, bidDepth: s.bidDepth, askDepth: s.askDepth }
      : null;
  }

  /** When the BFF received the newest message for `asset` (epoch ms); 0 when not held or nothing yet. */
  receivedAt(asset: string): number {
    return this.assets.get(asset)?.receivedAt ?? 0;
  }

  recentTrades(asset: string): TimedTrade[] {
    return [...(this.assets.get(asset)?.recent ?? [])];
  }

  /** Marks the asset's book as unusable until the next snapshot. */
  markResyncing(asset: string): void {
    const s = this.assets.get(asset);
    if (s) s.bookSynced = false;
  }

  /** Resolves once every asset is ready (or forgotten/invalid), or after `timeoutMs`. */
  waitReady(assets: readonly string[], timeoutMs: number): Promise<void> {
    const pending = assets.filter((a) => this.assets.has(a) && !this.isReady(a));
    return this.waiters.wait(pending, timeoutMs);
  }

  /**
   * Applies one upstream message. A message with impossible data (feed-validator.ts) changes nothing: it is counted,
   * logged sampled, and the asset is resynced.
   */
  apply(msg: FeedServerMessage, receivedAt = this.now()): void {
    if (msg.type === "subscribed") {
      for (const a of msg.assets) this.setReady(a);
      return;
    }
    if (msg.type === "invalidTicker") return this.waiters.resolve(msg.asset);
    const asset = msg.type === "assetInfo" ? msg.info.asset : "asset" in msg ? msg.asset : null;
    const s = asset === null ? undefined : this.assets.get(asset);
    if (!s) return;
    const tickSize = s.info?.tickSize ?? null;
    const bad = checkMessage(msg, { tickSize, now: receivedAt, maxClockSkewMs: this.maxClockSkewMs });
    if (bad) return void this.refuse(s, msg.type, bad);
    const change = this.applyTo(s, msg, receivedAt);
    if (change === REFUSED) return;
    s.receivedAt = receivedAt;
    if (change === null) return;
    // A snapshot starts over: an exchange time from before the resync never outlives it.
    s.exchangeTs = msg.type === "bookSnapshot" ? msg.ts : Math.max(s.exchangeTs, msg.ts);
    if (s.ready) this.publish(s, change);
  }

  /**
   * The quotes and depth views of ready assets that changed since the last call: each asset's newest value, derived
   * now, with how many upstream changes it stands for. An asset forgotten since it changed is left out.
   */
  takeChanges(): MarketChanges {
    const quotes: QuoteChange[] = [];
    const books: BookChange[] = [];
    for (const s of this.changedQuotes) {
      if (this.assets.get(s.asset) === s) quotes.push({ quote: deriveQuote(s), offered: s.quoteChanges });
      s.quoteChanges = 0;
    }
    for (const s of this.changedBooks) {
      if (this.assets.get(s.asset) === s)
        books.push({ view: viewOf(s), receivedAt: s.bookReceivedAt, offered: s.bookChanges });
      s.bookChanges = 0;
    }
    this.changedQuotes = [];
    this.changedBooks = [];
    return { quotes, books };
  }

  /** Marks the changed views of a ready asset for the next `takeChanges`. */
  private publish(s: Entry, change: Changed): void {
    if (change.quote && s.quoteChanges++ === 0) this.changedQuotes.push(s);
    if (change.book) {
      s.bookReceivedAt = s.receivedAt;
      if (s.bookChanges++ === 0) this.changedBooks.push(s);
    }
  }

  private applyTo(s: Entry, msg: FeedServerMessage, receivedAt: number): Changed | null | typeof REFUSED {
    switch (msg.type) {
      case "assetInfo":
        s.info = msg.info;
        return NONE;
      case "tickerState":
        s.tickerState = msg.state;
        return QUOTE;
      case "daily":
        s.daily = msg.daily;
        s.lastTradePrice = msg.daily.close;
        return QUOTE;
      case "trade":
        return this.applyTrade(s, { ...msg.trade, ts: msg.ts }, receivedAt) ? QUOTE : null;
      case "bookSnapshot": {
        const book = boundedSnapshot(msg.bids, msg.asks, BOOK_KEEP);
        // Only the kept levels are checked: the rest is dropped here and can never reach a browser.
        const tick = s.info?.tickSize ?? null;
        const bad = checkBook(book, tick);
        if (bad) return this.refuse(s, msg.type, bad);
        Object.assign(s, book, { bookSynced: true, syncId: this.nextSyncId(), levelsCheckedFor: tick });
        // Ready now: `apply` publishes this snapshot's change (once: `setReady` would publish it a second time).
        if (!s.ready && s.daily) this.becomeReady(s);
        return BOTH;
      }
      case "book":
        return this.applyBook(s, msg.updates);
      default:
        return null;
    }
  }

  /** `receivedAt`: this message's receive time (the entry's is set after the message applied). */
  private applyTrade(s: Entry, trade: TimedTrade, receivedAt: number): boolean {
    if (!trade.edit || s.lastTradeAt === null || trade.ts >= s.lastTradeAt) {
      s.lastTradePrice = trade.price;
      s.lastTradeAt = trade.ts;
    }
    s.recent.push(trade);
    if (s.recent.length > RECENT_TRADES) s.recent.shift();
    if (s.ready) this.tradeEmitter.emit({ asset: s.asset, trade, receivedAt });
    return true;
  }

  /** Applies one update group to a copy; the book changes only if the whole group fits and the result is valid. */
  private applyBook(s: Entry, updates: readonly BookUpdate[]): Changed | null | typeof REFUSED {
    if (!s.bookSynced) return null;
    const next = copyBook(s);
    try {
      applyBoundedUpdates(next, updates, BOOK_KEEP);
    } catch (err) {
      if (!(err instanceof BookOutOfSyncError)) throw err;
      this.resync(s);
      return null;
    }
    // Per level, the update prices and sizes were checked in `checkMessage` (a profile at 20k msgs/s spent a third of the
    // BFF's CPU re-checking all 2 × BOOK_KEEP levels after every update group).
    const tick = s.info?.tickSize ?? null;
    const bad = tick === s.levelsCheckedFor ? checkBookOrder(next) : checkBook(next, tick);
    if (bad) return this.refuse(s, "book", bad);
    const topChanged = next.bids[0] !== s.bids[0] || next.asks[0] !== s.asks[0];
    Object.assign(s, next);
    s.levelsCheckedFor = tick;
    // True but short: deletes drained the kept levels below the view. Show what is known; ask for a snapshot.
    if (!coversView(s, BOOK_DEPTH)) this.resync(s);
    return topChanged ? BOTH : BOOK;
  }

  private refuse(s: Entry, type: string, v: Violation): typeof REFUSED {
    this.violations.record(s.asset, type, v);
    this.resync(s);
    return REFUSED;
  }

  /** Ignores diffs until the next snapshot and asks for it (market-feed.ts re-subscribes, coalesced). */
  private resync(s: Entry): void {
    s.bookSynced = false;
    this.outOfSyncEmitter.emit(s.asset);
  }

  /** Unique per snapshot within the process and, being clock-based, across restarts. */
  private nextSyncId(): number {
    this.lastSyncId = Math.max(this.now(), this.lastSyncId + 1);
    return this.lastSyncId;
  }

  private setReady(asset: string): void {
    const s = this.assets.get(asset);
    if (!s || s.ready) return;
    this.becomeReady(s);
    this.publish(s, BOTH);
  }

  private becomeReady(s: Entry): void {
    s.ready = true;
    this.waiters.resolve(s.asset);
  }
}

/** The browsers' depth view of a held book: the top BOOK_DEPTH levels per side. */
function viewOf(s: Entry): BookView {
  return {
    asset: s.asset,
    bids: s.bids.slice(0, BOOK_DEPTH),
    asks: s.asks.slice(0, BOOK_DEPTH),
    exchangeTs: s.exchangeTs,
    syncId: s.syncId,
  };
}
