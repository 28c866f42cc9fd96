import type { IDisposable } from "cockatiel";
import type { HistoryTrade, TradeSnapshot } from "@pregao/contracts";
import { barTime } from "../bars/bar-time.ts";
import { TradeRing, type TapeTrade } from "./trade-ring.ts";

export interface TapeBuffersDeps {
  /** `getHistoryTrades` (upstream/history-jobs.ts): trades with `from <= ts < to`, oldest first; rejects when down. */
  history(asset: string, from: number, to: number): Promise<HistoryTrade[]>;
  /** Live trades of subscribed assets (MarketState.onTrade). */
  onTrade(listener: (e: { asset: string; trade: TapeTrade }) => void): IDisposable;
  /** Keeps the asset subscribed upstream while its buffer needs live trades. */
  hold(consumer: string, asset: string): void;
  release(consumer: string, asset: string): void;
  now(): number;
}

export interface TapeBuffersOptions {
  /** Prints kept per asset (TAPE_DEPTH). */
  depth: number;
  /** Most buffers at once; the least recently used one nobody retains makes room. */
  maxAssets: number;
  /** A buffer nobody retains and nobody asked for within this long is dropped. */
  idleMs: number;
  /** How long a snapshot waits for history before it goes out as `unavailable` (the load carries on). */
  historyWaitMs: number;
}

/** Today's history is asked newest first in these steps back from now (ms); stops once the buffer is full. */
const STEPS_BACK_MS = [2 * 60_000, 30 * 60_000, 24 * 60 * 60_000];
/** History asked past now: trades printing while the request is in flight (live overlaps; deduped). */
const AHEAD_MS = 60_000;

interface Entry {
  asset: string;
  ring: TradeRing;
  history: "none" | "complete" | "unavailable";
  /** The load in flight (shared by every snapshot that waits for it). */
  loading: Promise<boolean> | null;
  holders: number;
  lastUsed: number;
}

/**
 * The tape's newest prints per asset, shared by every client: filled from live trades (from the moment the buffer
 * exists) and, on first use, from today's history (newest steps first, at most `depth` kept). Bounded (`depth` per
 * asset, `maxAssets` buffers) and dropped when idle, like the bar aggregators.
 */
export class TapeBuffers {
  private readonly entries = new Map<string, Entry>();
  private readonly subscription: IDisposable;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly deps: TapeBuffersDeps,
    private readonly opts: TapeBuffersOptions,
  ) {
    this.subscription = deps.onTrade(({ asset, trade }) => this.entries.get(asset)?.ring.add(trade));
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, Math.floor(opts.idleMs / 2)));
    this.sweeper.unref();
  }

  /** Keeps the asset's buffer (and its upstream subscription) while a socket follows the asset's trades. */
  retain(asset: string): IDisposable {
    const e = this.entry(asset);
    if (!e) return { dispose: () => undefined };
    e.holders++;
    let done = false;
    return {
      dispose: () => {
        if (done) return;
        done = true;
        e.holders--;
        e.lastUsed = this.deps.now();
      },
    };
  }

  /**
   * The asset's newest prints once history is in, or after `historyWaitMs` (then `unavailable`; `loaded` says when a
   * later load completes). A failed load is retried by the next snapshot.
   */
  async snapshot(asset: string): Promise<TradeSnapshot> {
    const e = this.entry(asset);
    if (!e) return { asset, trades: [], history: "unavailable" };
    if (e.history !== "complete") {
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.opts.historyWaitMs)));
      await Promise.race([this.load(e), wait]);
      clearTimeout(timer);
    }
    e.lastUsed = this.deps.now();
    return { asset, trades: e.ring.list(), history: e.history === "complete" ? "complete" : "unavailable" };
  }

  /** Resolves true once the asset's history load in flight completes (false: failed, or none in flight). */
  loaded(asset: string): Promise<boolean> {
    return this.entries.get(asset)?.loading ?? Promise.resolve(false);
  }

  get size(): number {
    return this.entries.size;
  }

  dispose(): void {
    clearInterval(this.sweeper);
    this.subscription.dispose();
    for (const e of [...this.entries.values()]) this.evict(e);
  }

  /** Drops buffers nobody retains and nobody asked for within `idleMs`. */
  sweep(): void {
    const cutoff = this.deps.now() - this.opts.idleMs;
    for (const e of [...this.entries.values()]) if (e.holders === 0 && e.lastUsed <= cutoff) this.evict(e);
  }

  private entry(asset: string): Entry | null {
    const hit = this.entries.get(asset);
    if (hit) {
      hit.lastUsed = this.deps.now();
      return hit;
    }
    if (this.entries.size >= this.opts.maxAssets && !this.evictOne()) return null;
    const e: Entry = {
      asset,
      ring: new TradeRing(this.opts.depth),
      history: "none",
      loading: null,
      holders: 0,
      lastUsed: this.deps.now(),
    };
    this.entries.set(asset, e);
    // Held before history is asked: the upstream answers in order, so live and history overlap (deduped), no gap.
    this.deps.hold(`tape/${asset}`, asset);
    return e;
  }

  private load(e: Entry): Promise<boolean> {
    e.loading ??= this.fetch(e).then(
      () => {
        e.history = "complete";
        e.loading = null;
        return true;
      },
      () => {
        e.history = "unavailable";
        e.loading = null;
        return false;
      },
    );
    return e.loading;
  }

  /** Today's session only, newest steps first, until the buffer is full or the session's start is reached. */
  private async fetch(e: Entry): Promise<void> {
    const now = this.deps.now();
    const dayStart = barTime(now, "1D");
    let to = now + AHEAD_MS;
    for (const back of STEPS_BACK_MS) {
      const from = Math.max(dayStart, now - back);
      if (from < to) e.ring.addHistory(await this.deps.history(e.asset, from, to));
      if (e.ring.full || from <= dayStart) return;
      to = from;
    }
  }

  private evictOne(): boolean {
    let lru: Entry | undefined;
    for (const e of this.entries.values())
      if (e.holders === 0 && (!lru || e.lastUsed < lru.lastUsed)) lru = e;
    if (lru) this.evict(lru);
    return lru !== undefined;
  }

  private evict(e: Entry): void {
    if (this.entries.get(e.asset) !== e) return;
    this.entries.delete(e.asset);
    this.deps.release(`tape/${e.asset}`, e.asset);
  }
}
