import { EventEmitter } from "cockatiel";
import {
  BookOutOfSyncError,
  applyBookUpdates,
  type BookView,
  type FeedServerMessage,
  type Quote,
  type Trade,
} from "@pregao/contracts";
import { deriveQuote, emptyAssetState, type AssetState } from "./quote.ts";

export type TimedTrade = Trade & { ts: number };
/** What changed for one asset after a message. */
export interface AssetChange {
  asset: string;
  quote: boolean;
  book: boolean;
}

const BOOK_DEPTH = 10;
const RECENT_TRADES = 50;

interface Entry extends AssetState {
  ready: boolean;
  recent: TimedTrade[];
}

/**
 * Per-asset market state built from upstream messages: info, daily, ticker state, book (contracts'
 * `applyBookUpdates`) and recent trades. Serves snapshots to new subscribers without an upstream round trip.
 */
export class MarketState {
  private readonly assets = new Map<string, Entry>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly changeEmitter = new EventEmitter<AssetChange>();
  private readonly tradeEmitter = new EventEmitter<{
    asset: string;
    trade: TimedTrade;
    receivedAt: number;
  }>();
  private readonly outOfSyncEmitter = new EventEmitter<string>();
  readonly onChange = this.changeEmitter.addListener;
  readonly onTrade = this.tradeEmitter.addListener;
  /** The asset's book no longer fits the diffs: re-subscribe it. */
  readonly onOutOfSync = this.outOfSyncEmitter.addListener;

  /** Starts holding `asset`; messages for assets not tracked are ignored. */
  track(asset: string): void {
    if (!this.assets.has(asset))
      this.assets.set(asset, { ...emptyAssetState(asset), ready: false, recent: [] });
  }

  /** Stops holding `asset` (after the upstream unsubscribe). */
  forget(asset: string): void {
    this.assets.delete(asset);
    this.resolveWaiters(asset);
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
    if (!s?.ready) return null;
    return {
      asset,
      bids: s.bids.slice(0, BOOK_DEPTH),
      asks: s.asks.slice(0, BOOK_DEPTH),
      exchangeTs: s.exchangeTs,
    };
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
    if (pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      let left = pending.length;
      const done = (): void => {
        if (--left === 0) finish();
      };
      const finish = (): void => {
        clearTimeout(timer);
        for (const a of pending) this.waiters.get(a)?.delete(done);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      for (const a of pending) {
        const set = this.waiters.get(a) ?? new Set();
        set.add(done);
        this.waiters.set(a, set);
      }
    });
  }

  /** Applies one upstream message. */
  apply(msg: FeedServerMessage, receivedAt = Date.now()): void {
    if (msg.type === "subscribed") {
      for (const a of msg.assets) this.setReady(a);
      return;
    }
    if (msg.type === "invalidTicker") return this.resolveWaiters(msg.asset);
    const asset = msg.type === "assetInfo" ? msg.info.asset : "asset" in msg ? msg.asset : null;
    const s = asset === null ? undefined : this.assets.get(asset);
    if (!s) return;
    s.receivedAt = receivedAt;
    const change = this.applyTo(s, msg);
    if (change === null) return;
    s.exchangeTs = Math.max(s.exchangeTs, msg.ts);
    if (s.ready && (change.quote || change.book)) this.changeEmitter.emit(change);
  }

  private applyTo(s: Entry, msg: FeedServerMessage): AssetChange | null {
    const change = { asset: s.asset, quote: true, book: false };
    switch (msg.type) {
      case "assetInfo":
        s.info = msg.info;
        return { ...change, quote: false };
      case "tickerState":
        s.tickerState = msg.state;
        return change;
      case "daily":
        s.daily = msg.daily;
        s.lastTradePrice = msg.daily.close;
        return change;
      case "trade":
        return this.applyTrade(s, { ...msg.trade, ts: msg.ts }) ? change : null;
      case "bookSnapshot":
        s.bids = msg.bids;
        s.asks = msg.asks;
        s.bookSynced = true;
        if (!s.ready && s.daily) this.setReady(s.asset);
        return { ...change, book: true };
      case "book":
        return this.applyBook(s, msg.updates);
      default:
        return null;
    }
  }

  private applyTrade(s: Entry, trade: TimedTrade): boolean {
    if (!trade.edit || s.lastTradeAt === null || trade.ts >= s.lastTradeAt) {
      s.lastTradePrice = trade.price;
      s.lastTradeAt = trade.ts;
    }
    s.recent.push(trade);
    if (s.recent.length > RECENT_TRADES) s.recent.splice(0, s.recent.length - RECENT_TRADES);
    if (s.ready) this.tradeEmitter.emit({ asset: s.asset, trade, receivedAt: s.receivedAt });
    return true;
  }

  private applyBook(s: Entry, updates: Parameters<typeof applyBookUpdates>[1]): AssetChange | null {
    if (!s.bookSynced) return null;
    const bid = s.bids[0];
    const ask = s.asks[0];
    try {
      applyBookUpdates(s, updates);
    } catch (err) {
      if (!(err instanceof BookOutOfSyncError)) throw err;
      s.bookSynced = false;
      this.outOfSyncEmitter.emit(s.asset);
      return null;
    }
    const topChanged = s.bids[0] !== bid || s.asks[0] !== ask;
    return { asset: s.asset, quote: topChanged, book: true };
  }

  private setReady(asset: string): void {
    const s = this.assets.get(asset);
    if (!s || s.ready) return;
    s.ready = true;
    this.resolveWaiters(asset);
    this.changeEmitter.emit({ asset, quote: true, book: true });
  }

  private resolveWaiters(asset: string): void {
    const set = this.waiters.get(asset);
    this.waiters.delete(asset);
    for (const fn of set ?? []) fn();
  }
}
