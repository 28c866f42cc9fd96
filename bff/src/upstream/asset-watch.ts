import type { AssetDataState } from "@pregao/contracts";

export interface SilenceOptions {
  /** Silence longer than `factor` × the asset's typical inter-message gap is suspicious… */
  factor: number;
  /** …but never below `floorMs` (bursty assets)… */
  floorMs: number;
  /** …and always above `ceilingMs` (an asset that was never busy still gets checked). */
  ceilingMs: number;
}

interface Watch {
  state: "ok" | AssetDataState["state"];
  since: number;
  attempts: number;
  /** When the newest request for it went out (pending/retrying). */
  lastAttemptAt: number;
  /** When the newest data message arrived (null before the first). */
  lastAt: number | null;
  /** EWMA of the gap between data messages while ok (null before two). */
  typicalGapMs: number | null;
}

/** Weight of the newest gap in the EWMA: about the last ten gaps count. */
const ALPHA = 0.2;

/**
 * Per-asset data state: `pending` (subscribed, no data yet), `ok` (data flows), `retrying` (a request went
 * unanswered or the asset went silent; a re-subscribe is under way). Learns each asset's typical inter-message gap
 * (EWMA) so `silent()` can tell an asset the upstream stopped sending from one that is merely quiet.
 */
export class AssetWatch {
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly silence: SilenceOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** A subscribe went out for an asset not watched yet (or a reconnect re-subscribes it): no data until proven. */
  pending(asset: string): void {
    const now = this.now();
    this.watches.set(asset, {
      state: "pending",
      since: now,
      attempts: 0,
      lastAttemptAt: now,
      lastAt: null,
      typicalGapMs: this.watches.get(asset)?.typicalGapMs ?? null,
    });
  }

  /** A request for the asset went unanswered, or it went silent: it stays `retrying` until data arrives. */
  retrying(asset: string): void {
    const w = this.watches.get(asset);
    if (!w) return;
    const now = this.now();
    if (w.state !== "retrying") {
      w.state = "retrying";
      w.since = now;
    }
    w.attempts++;
    w.lastAttemptAt = now;
  }

  /** A data message for the asset arrived. */
  data(asset: string): void {
    const w = this.watches.get(asset);
    if (!w) return;
    const now = this.now();
    if (w.state === "ok" && w.lastAt !== null) {
      const gap = now - w.lastAt;
      w.typicalGapMs = w.typicalGapMs === null ? gap : ALPHA * gap + (1 - ALPHA) * w.typicalGapMs;
    } else if (w.state !== "ok") {
      w.state = "ok";
      w.since = now;
      w.attempts = 0;
    }
    w.lastAt = now;
  }

  forget(asset: string): void {
    this.watches.delete(asset);
  }

  has(asset: string): boolean {
    return this.watches.has(asset);
  }

  isOk(asset: string): boolean {
    return this.watches.get(asset)?.state === "ok";
  }

  /** `ok`, `pending` or `retrying`; null when not watched. */
  stateOf(asset: string): Watch["state"] | null {
    return this.watches.get(asset)?.state ?? null;
  }

  /** How long `asset` may stay silent: factor × typical gap, within [floor, ceiling]. */
  allowedSilenceMs(asset: string): number {
    const { factor, floorMs, ceilingMs } = this.silence;
    const gap = this.watches.get(asset)?.typicalGapMs;
    if (gap === null || gap === undefined) return ceilingMs;
    return Math.min(ceilingMs, Math.max(floorMs, gap * factor));
  }

  /** Ok assets silent for longer than their rate explains (the caller checks the link is live). */
  silent(): Array<{ asset: string; silentMs: number }> {
    const now = this.now();
    const out: Array<{ asset: string; silentMs: number }> = [];
    for (const [asset, w] of this.watches) {
      const silentMs = w.lastAt === null ? 0 : now - w.lastAt;
      if (w.state === "ok" && silentMs > this.allowedSilenceMs(asset)) out.push({ asset, silentMs });
    }
    return out;
  }

  /**
   * Assets still without data `delayOf(attempts)` after their newest request: that request was answered (so the
   * tracker is done with it) but no data followed. The caller re-subscribes those with nothing outstanding.
   */
  overdue(delayOf: (attempts: number) => number): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const [asset, w] of this.watches)
      if (w.state !== "ok" && now - w.lastAttemptAt >= delayOf(w.attempts)) out.push(asset);
    return out;
  }

  /** The link came back after a stale spell: silence during it was the link's, so every clock restarts now. */
  restartClocks(): void {
    const now = this.now();
    for (const w of this.watches.values()) {
      if (w.lastAt !== null) w.lastAt = now;
      w.lastAttemptAt = now;
    }
  }

  /** Assets not receiving data, oldest first, at most `limit`, plus their total count and how many are retrying. */
  notOk(limit: number): { assets: AssetDataState[]; total: number; retrying: number } {
    const all: AssetDataState[] = [];
    let retrying = 0;
    for (const [asset, w] of this.watches) {
      if (w.state === "ok") continue;
      if (w.state === "retrying") retrying++;
      all.push({ asset, state: w.state, since: w.since, attempts: w.attempts });
    }
    all.sort((a, b) => a.since - b.since);
    return { assets: all.slice(0, limit), total: all.length, retrying };
  }
}
