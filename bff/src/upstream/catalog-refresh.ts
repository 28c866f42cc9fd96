import type { InstrumentCatalog } from "./instruments.ts";

export interface CatalogRefreshOptions {
  /** Slow periodic refresh, whatever the evidence (0 = off). */
  periodMs: number;
  /** At most one evidence-driven refresh per this long (a client typing unknown tickers cannot spin the upstream). */
  minIntervalMs: number;
  /** How long a lookup of an unknown ticker may wait for a refresh before the answer is "unknown". */
  lookupWaitMs: number;
}

export interface CatalogRefreshDeps {
  /** Queues a `listAssets` (the request tracker retries it while it goes unanswered). */
  request(): void;
  /** True while a `listAssets` is queued, in flight or waiting for its retry. */
  outstanding(): boolean;
}

export type RefreshReason = "connect" | "evidence" | "lookup" | "periodic";

/**
 * Keeps the instrument catalog complete. The protocol gives no count of assets, so incompleteness is inferred: the
 * list request timed out, the upstream described or confirmed an asset the list lacks, or a user looked up a ticker
 * the catalog does not have. Each piece of evidence asks for a refresh, at most one per `minIntervalMs`; a slow
 * periodic refresh runs regardless. `resolve` lets a lookup wait briefly for that refresh.
 */
export class CatalogRefresher {
  private lastAt = -Infinity;
  private deferred: NodeJS.Timeout | undefined;
  private readonly periodic: NodeJS.Timeout | undefined;
  private waiters = new Set<() => void>();
  /** Refreshes requested, by reason (flushed into Prometheus at scrape time). */
  readonly counts = new Map<RefreshReason, number>();

  constructor(
    private readonly catalog: InstrumentCatalog,
    private readonly deps: CatalogRefreshDeps,
    private readonly options: CatalogRefreshOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (options.periodMs > 0) {
      this.periodic = setInterval(() => this.refresh("periodic"), options.periodMs);
      this.periodic.unref();
    }
  }

  /** A new connection: always ask for the list. */
  connected(): void {
    this.refresh("connect");
  }

  /** Evidence that assets are missing. */
  suspect(reason: string): void {
    this.catalog.markIncomplete(reason);
    this.refreshSoon("evidence");
  }

  /** A list arrived (and replaced the catalog): wake every lookup waiting for it. */
  listed(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const w of waiters) w();
  }

  /**
   * True when `asset` is in the catalog, possibly after waiting up to `lookupWaitMs` for the refresh the lookup asks
   * for. A lookup is weaker evidence than the others (a typo looks the same), so it refreshes without marking the
   * catalog incomplete; within `minIntervalMs` of the last refresh it answers at once and refreshes later.
   */
  async resolve(asset: string): Promise<boolean> {
    if (this.catalog.has(asset)) return true;
    if (this.catalog.known) this.refreshSoon("lookup");
    if (this.catalog.known && !this.deps.outstanding()) return false;
    await this.nextList(this.options.lookupWaitMs);
    return this.catalog.has(asset);
  }

  dispose(): void {
    clearInterval(this.periodic);
    clearTimeout(this.deferred);
    this.listed();
  }

  private refreshSoon(reason: RefreshReason): void {
    if (this.deferred || this.deps.outstanding()) return;
    const wait = this.lastAt + this.options.minIntervalMs - this.now();
    if (wait <= 0) return this.refresh(reason);
    this.deferred = setTimeout(() => {
      this.deferred = undefined;
      this.refresh(reason);
    }, wait);
    this.deferred.unref();
  }

  private refresh(reason: RefreshReason): void {
    this.lastAt = this.now();
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    this.deps.request();
  }

  private nextList(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.waiters.add(done);
    });
  }
}
