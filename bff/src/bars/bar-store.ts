import type { IDisposable } from "cockatiel";
import type { Candle, CandleInterval, HistoryTrade } from "@pregao/contracts";
import { BarAggregator, type BarTrade } from "./aggregator.ts";
import { DAY_MS, barTime } from "./bar-time.ts";

/** Every aggregator is in use (watched by sockets) and the cap is reached. */
export class BarCapacityError extends Error {
  readonly code = "UPSTREAM_UNAVAILABLE";
  constructor(max: number) {
    super(`all ${max} bar aggregators are in use`);
    this.name = "BarCapacityError";
  }
}

export interface BarStoreDeps {
  /** `getHistoryTrades` (upstream/history-jobs.ts); rejects with its typed errors. */
  history(asset: string, from: number, to: number): Promise<HistoryTrade[]>;
  /** Live trades of subscribed assets (MarketState.onTrade). */
  onTrade(listener: (e: { asset: string; trade: BarTrade }) => void): IDisposable;
  /** Keeps the asset subscribed upstream while an aggregator needs its live trades. */
  hold(consumer: string, asset: string): void;
  release(consumer: string, asset: string): void;
  now(): number;
}

export interface BarStoreOptions {
  maxAggregators: number;
  maxBars: number;
  /** Trades remembered per aggregator for history/live dedupe and edits. */
  maxSeen: number;
  /** An aggregator no socket watches and no request used for this long is dropped. */
  idleMs: number;
}

/** History asked for per step when paging back, per interval (a step with no trades counts toward exhaustion). */
const chunkMs: Record<CandleInterval, number> = {
  "1m": DAY_MS,
  "5m": 4 * DAY_MS,
  "15m": 10 * DAY_MS,
  "60m": 30 * DAY_MS,
  "1D": 120 * DAY_MS,
};
/** This long without any trade going back means there is no older history. */
const EXHAUSTED_AFTER_MS = 12 * DAY_MS;
/** Most history steps one page may take. */
const MAX_STEPS = 40;

type Watcher = (candle: Candle) => void;

interface Entry {
  key: string;
  asset: string;
  agg: BarAggregator;
  /** History is loaded for [coveredFrom, …); null before the first load. */
  coveredFrom: number | null;
  emptyMs: number;
  exhausted: boolean;
  lock: Promise<unknown>;
  lastUsed: number;
  watchers: Set<Watcher>;
}

/**
 * One BarAggregator per (asset, interval), shared by every client: filled from history (paged back on demand) and
 * live trades, bounded (bars per aggregator, aggregators in all) and dropped when idle.
 */
export class BarStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byAsset = new Map<string, Set<Entry>>();
  private readonly disposables: IDisposable[];
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly deps: BarStoreDeps,
    private readonly opts: BarStoreOptions,
  ) {
    this.disposables = [deps.onTrade(({ asset, trade }) => this.live(asset, trade))];
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, Math.floor(opts.idleMs / 2)));
    this.sweeper.unref();
  }

  /** The newest `limit` bars with `time < to` and the `to` of the page before (null: no older data). */
  async page(
    asset: string,
    interval: CandleInterval,
    to: number,
    limit: number,
  ): Promise<{ candles: Candle[]; nextTo: number | null }> {
    const e = this.entry(asset, interval);
    await this.locked(e, async () => {
      await this.initial(e);
      for (let step = 0; step < MAX_STEPS && !e.exhausted; step++) {
        if (e.agg.page(to, limit).candles.length >= limit) break;
        await this.older(e);
      }
    });
    e.lastUsed = this.deps.now();
    const { candles, olderHeld } = e.agg.page(to, limit);
    const first = candles[0]?.time ?? Math.min(to, e.coveredFrom ?? to);
    return { candles, nextTo: olderHeld || !e.exhausted ? first : null };
  }

  /** Watches the forming bar; resolves with it (null before any trade) once the initial history is in. */
  async watch(
    asset: string,
    interval: CandleInterval,
    fn: Watcher,
  ): Promise<{ candle: Candle | null } & IDisposable> {
    const e = this.entry(asset, interval);
    e.watchers.add(fn);
    try {
      await this.locked(e, () => this.initial(e));
    } catch (err) {
      e.watchers.delete(fn);
      throw err;
    }
    const formingFrom = barTime(this.deps.now(), interval);
    const latest = e.agg.latest();
    return {
      candle: latest && latest.time >= formingFrom ? latest : null,
      dispose: () => {
        e.watchers.delete(fn);
        e.lastUsed = this.deps.now();
      },
    };
  }

  get size(): number {
    return this.entries.size;
  }

  dispose(): void {
    clearInterval(this.sweeper);
    for (const d of this.disposables) d.dispose();
    for (const e of [...this.entries.values()]) this.evict(e);
  }

  /** Drops aggregators nobody watched or asked for within `idleMs`. */
  sweep(): void {
    const cutoff = this.deps.now() - this.opts.idleMs;
    for (const e of [...this.entries.values()])
      if (e.watchers.size === 0 && e.lastUsed <= cutoff) this.evict(e);
  }

  private entry(asset: string, interval: CandleInterval): Entry {
    const key = `${asset}|${interval}`;
    const hit = this.entries.get(key);
    if (hit) {
      hit.lastUsed = this.deps.now();
      return hit;
    }
    if (this.entries.size >= this.opts.maxAggregators) this.evictOne();
    const e: Entry = {
      key,
      asset,
      agg: new BarAggregator(interval, { maxBars: this.opts.maxBars, maxSeen: this.opts.maxSeen }),
      coveredFrom: null,
      emptyMs: 0,
      exhausted: false,
      lock: Promise.resolve(),
      lastUsed: this.deps.now(),
      watchers: new Set(),
    };
    this.entries.set(key, e);
    const set = this.byAsset.get(asset) ?? new Set();
    set.add(e);
    this.byAsset.set(asset, set);
    // Subscribed before history is asked: the upstream answers in order, so live and history overlap (deduped).
    this.deps.hold(`bars/${key}`, asset);
    return e;
  }

  /** The first load: the latest step of history through the end of the next session date (all trades so far). */
  private async initial(e: Entry): Promise<void> {
    if (e.coveredFrom !== null) return;
    const now = this.deps.now();
    const from = barTime(now, "1D") - chunkMs[e.agg.interval] + DAY_MS;
    await this.load(e, from, barTime(now, "1D") + 2 * DAY_MS);
    e.coveredFrom = from;
  }

  private async older(e: Entry): Promise<void> {
    const to = e.coveredFrom!;
    const from = to - chunkMs[e.agg.interval];
    const n = await this.load(e, from, to);
    e.coveredFrom = from;
    e.emptyMs = n === 0 ? e.emptyMs + (to - from) : 0;
    if (e.emptyMs >= EXHAUSTED_AFTER_MS) e.exhausted = true;
  }

  private async load(e: Entry, from: number, to: number): Promise<number> {
    const trades = await this.deps.history(e.asset, from, to);
    e.agg.addAll(trades);
    return trades.length;
  }

  private live(asset: string, trade: BarTrade): void {
    for (const e of this.byAsset.get(asset) ?? []) {
      const bar = e.agg.add(trade);
      if (!bar || bar.time !== e.agg.latest()?.time) continue;
      for (const w of e.watchers) w(bar);
      if (e.agg.size > this.opts.maxBars) {
        const oldest = e.agg.trim();
        if (oldest !== null && e.coveredFrom !== null) {
          e.coveredFrom = Math.max(e.coveredFrom, oldest);
          e.exhausted = false;
        }
      }
    }
  }

  private locked<T>(e: Entry, fn: () => Promise<T>): Promise<T> {
    const run = e.lock.then(fn, fn);
    e.lock = run.catch(() => undefined);
    return run;
  }

  private evictOne(): void {
    let lru: Entry | undefined;
    for (const e of this.entries.values())
      if (e.watchers.size === 0 && (!lru || e.lastUsed < lru.lastUsed)) lru = e;
    if (!lru) throw new BarCapacityError(this.opts.maxAggregators);
    this.evict(lru);
  }

  private evict(e: Entry): void {
    this.entries.delete(e.key);
    const set = this.byAsset.get(e.asset);
    set?.delete(e);
    if (set?.size === 0) this.byAsset.delete(e.asset);
    this.deps.release(`bars/${e.key}`, e.asset);
  }
}
