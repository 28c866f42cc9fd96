/** Why an asset is re-subscribed (a label of the re-subscribe counter). */
export type ResyncReason = "gap" | "outOfSync" | "silent";
export const resyncReasons: readonly ResyncReason[] = ["gap", "outOfSync", "silent"];

export interface ResyncCoalescerDeps {
  /** Every asset held upstream (what a gap re-subscribes). */
  held(): readonly string[];
  /** A subscribe for `asset` is queued or awaiting its reply: a second one would only repeat it. */
  busy(asset: string): boolean;
  /** Re-subscribes `assets` (one call per flush and reason). */
  resubscribe(assets: string[], reason: ResyncReason): void;
}

/**
 * Coalesces resync requests: at most one re-subscribe in flight per asset and at most one per asset per `intervalMs`.
 * A request that cannot go now stays due (one entry per asset) and goes at the next flush, so a gap storm of any rate
 * re-subscribes the held set at most once per interval, and `requestAll` costs O(1) per gap.
 */
export class ResyncCoalescer {
  private readonly due = new Map<string, ResyncReason>();
  private readonly lastAt = new Map<string, number>();
  private allDue = false;
  private timer: NodeJS.Timeout | undefined;
  /** Re-subscribes sent, by reason (flushed into Prometheus at scrape time). */
  readonly counts = new Map<ResyncReason, number>();

  constructor(
    private readonly deps: ResyncCoalescerDeps,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resync one asset. */
  request(asset: string, reason: ResyncReason): void {
    if (!this.due.has(asset)) this.due.set(asset, reason);
    this.schedule(0);
  }

  /** Resync every held asset (sequence gap). */
  requestAll(): void {
    this.allDue = true;
    this.schedule(0);
  }

  /** Forgets `asset` (no longer held). */
  forget(asset: string): void {
    this.due.delete(asset);
    this.lastAt.delete(asset);
  }

  /** Assets waiting for their turn (for stats and tests). */
  get pending(): number {
    return this.due.size + (this.allDue ? 1 : 0);
  }

  /** New connection: the reconnect re-subscribes everything, so nothing is due and no interval runs. */
  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due.clear();
    this.lastAt.clear();
    this.allDue = false;
  }

  dispose(): void {
    this.reset();
  }

  private schedule(delay: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delay);
    this.timer.unref();
  }

  private flush(): void {
    if (this.allDue) {
      this.allDue = false;
      for (const a of this.deps.held()) if (!this.due.has(a)) this.due.set(a, "gap");
    }
    const now = this.now();
    const go = new Map<ResyncReason, string[]>();
    let wait = Infinity;
    for (const [asset, reason] of this.due) {
      const next = (this.lastAt.get(asset) ?? -Infinity) + this.intervalMs;
      if (next > now || this.deps.busy(asset)) {
        wait = Math.min(wait, Math.max(next - now, Math.min(this.intervalMs, 50)));
        continue;
      }
      this.due.delete(asset);
      this.lastAt.set(asset, now);
      const list = go.get(reason);
      if (list) list.push(asset);
      else go.set(reason, [asset]);
    }
    for (const [reason, assets] of go) {
      this.counts.set(reason, (this.counts.get(reason) ?? 0) + assets.length);
      this.deps.resubscribe(assets, reason);
    }
    if (wait !== Infinity) this.schedule(wait);
  }
}
