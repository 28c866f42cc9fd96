import { ServiceError } from "./errors.ts";

/** OM-SPEC §2.2 rate limits, per user (token `sub`), fixed 60 s windows. */
export const SERVICE_LIMITS = { overall: 300, ordersWrite: 100, killSwitch: 10 } as const;
export type LimitBucket = keyof typeof SERVICE_LIMITS;

const WINDOW_MS = 60_000;

/** Raised over a limit; carries the seconds until the window resets (→ `Retry-After`). */
export class RateLimitedError extends ServiceError {
  constructor(
    readonly limit: number,
    readonly retryAfterS: number,
  ) {
    super(429, "RATE_LIMITED", "Rate limit exceeded");
  }
}

/**
 * Fixed-window counters per user and bucket. The simulator is one process, so memory is the right store (the BFF's
 * distributed limits sit in front of it); windows of idle users are pruned as they are met.
 */
export class ServiceRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: () => number,
    private readonly limits: Record<LimitBucket, number> = SERVICE_LIMITS,
  ) {}

  /** Counts one request against each bucket; throws RateLimitedError on the first one over its limit. */
  take(user: string, buckets: readonly LimitBucket[]): void {
    const now = this.clock();
    for (const bucket of buckets) {
      const key = `${bucket}:${user}`;
      let w = this.windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) {
        w = { start: now, count: 0 };
        this.windows.set(key, w);
      }
      if (w.count >= this.limits[bucket])
        throw new RateLimitedError(this.limits[bucket], Math.ceil((w.start + WINDOW_MS - now) / 1000));
      w.count++;
    }
    if (this.windows.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(key);
  }
}
