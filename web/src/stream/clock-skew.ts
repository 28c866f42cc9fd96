/**
 * The server's clock minus the browser's, from the server timestamps on the messages it sends.
 *
 * A message stamped at server time S and received at local time R gives S − R = θ − d, where θ is the true offset and
 * d ≥ 0 the time the message spent in transit and in queues. Taking each sample as the offset (the old behaviour) makes
 * a message that waited 5 s in a backlog look fresh: its delay is silently absorbed into the offset, and the screen
 * says "Live, updated <1 s ago" about data that is 5 s old. The largest sample over a window is the one with the least
 * delay, so it is the best estimate of θ (NTP's minimum-delay filter); a late message then shows its real age.
 *
 * If the server's clock steps back, the estimate keeps the old offset for up to one window: ages read older than they
 * are, so the screen errs towards "stale", never towards "live".
 */
export const SKEW_WINDOW_MS = 60_000;
/** Samples kept at most (one per feed:status, about one a second, is ~60 per window). */
const MAX_SAMPLES = 128;

export class SkewEstimator {
  private samples: { at: number; skew: number }[] = [];

  /** Adds a message stamped `serverTime` received at local `now`; returns the offset estimate (ms). */
  add(serverTime: number, now: number): number {
    this.samples = this.samples.filter((s) => now - s.at < SKEW_WINDOW_MS && s.at <= now);
    this.samples.push({ at: now, skew: serverTime - now });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    return this.estimate();
  }

  /** The current estimate: 0 before any sample. */
  estimate(): number {
    let best = -Infinity;
    for (const s of this.samples) if (s.skew > best) best = s.skew;
    return best === -Infinity ? 0 : best;
  }

  /** Forget every sample (another server, whose clock may differ, is about to answer). */
  clear(): void {
    this.samples = [];
  }
}
