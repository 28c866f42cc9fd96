/** Where the registry sends the first-interest subscribe and the last-interest unsubscribe. */
export interface SubscriptionSink {
  subscribe(assets: string[]): void;
  unsubscribe(assets: string[]): void;
}

/**
 * Reference-counted upstream subscriptions. A consumer is any key (e.g. `socketId/quotes`); the first consumer of an
 * asset subscribes upstream, the last one leaving unsubscribes after `lingerMs` unless someone came back meanwhile.
 */
export class SubscriptionRegistry {
  private readonly holders = new Map<string, Set<string>>();
  private readonly lingering = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly sink: SubscriptionSink,
    private readonly lingerMs: number,
  ) {}

  /** Adds interest; returns the assets that were newly subscribed upstream. */
  acquire(consumer: string, assets: readonly string[]): string[] {
    const fresh: string[] = [];
    for (const asset of assets) {
      const linger = this.lingering.get(asset);
      if (linger) {
        clearTimeout(linger);
        this.lingering.delete(asset);
      }
      let set = this.holders.get(asset);
      if (!set) {
        set = new Set();
        this.holders.set(asset, set);
        if (!linger) fresh.push(asset);
      }
      set.add(consumer);
    }
    if (fresh.length > 0) this.sink.subscribe(fresh);
    return fresh;
  }

  /** Removes interest; the upstream unsubscribe happens after the linger. */
  release(consumer: string, assets: readonly string[]): void {
    const gone: string[] = [];
    for (const asset of assets) {
      const set = this.holders.get(asset);
      if (!set?.delete(consumer) || set.size > 0) continue;
      this.holders.delete(asset);
      gone.push(asset);
    }
    if (gone.length === 0) return;
    if (this.lingerMs <= 0) return this.sink.unsubscribe(gone);
    for (const asset of gone) {
      const timer = setTimeout(() => {
        this.lingering.delete(asset);
        this.sink.unsubscribe([asset]);
      }, this.lingerMs);
      timer.unref();
      this.lingering.set(asset, timer);
    }
  }

  /** Releases everything `consumer` holds (socket disconnect). */
  releaseAll(consumer: string): void {
    const held = [...this.holders].filter(([, set]) => set.has(consumer)).map(([a]) => a);
    this.release(consumer, held);
  }

  /** Every asset currently subscribed upstream (held or lingering): what a resync re-subscribes. */
  held(): string[] {
    return [...this.holders.keys(), ...this.lingering.keys()];
  }

  /** Consumers per asset (for stats and tests). */
  refCount(asset: string): number {
    return this.holders.get(asset)?.size ?? 0;
  }

  dispose(): void {
    for (const t of this.lingering.values()) clearTimeout(t);
    this.lingering.clear();
  }
}
