import type { AssetWatch } from "./asset-watch.ts";

export interface SilenceWatchdogDeps {
  watch: AssetWatch;
  /** The link is live (a stale or down link is the link's problem, not the assets'). */
  live(): boolean;
  /** A subscribe for the asset is queued, in flight or scheduled for retry (the request tracker owns it). */
  busy(asset: string): boolean;
  /** How long a pending/retrying asset with nothing outstanding waits before another re-subscribe. */
  retryAfterMs(attempts: number): number;
  resubscribe(asset: string, silentMs: number): void;
  tickMs: number;
}

/**
 * Re-subscribes assets that stopped receiving data while the rest of the feed flows: ok assets silent for longer than
 * their rate explains, and pending/retrying ones whose request was answered but no data followed. Never while the
 * link is stale or down; after such a spell every asset's clock restarts.
 */
export class SilenceWatchdog {
  private wasLive = true;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly deps: SilenceWatchdogDeps) {
    this.timer = setInterval(() => this.tick(), deps.tickMs);
    this.timer.unref();
  }

  tick(): void {
    const { watch } = this.deps;
    if (!this.deps.live()) {
      this.wasLive = false;
      return;
    }
    if (!this.wasLive) {
      this.wasLive = true;
      watch.restartClocks();
      return;
    }
    for (const { asset, silentMs } of watch.silent()) {
      watch.retrying(asset);
      this.deps.resubscribe(asset, silentMs);
    }
    for (const asset of watch.overdue((n) => this.deps.retryAfterMs(n))) {
      if (this.deps.busy(asset)) continue;
      watch.retrying(asset);
      this.deps.resubscribe(asset, 0);
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
