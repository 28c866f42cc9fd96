import type { LimiterFactory } from "./rate-limit.ts";

/** One throttled dimension of password login (a username from one source, one IP, one username overall). */
export interface BackoffSpec {
  /** Key prefix inside the limiter store, e.g. "login-pair" (→ "login-pair-fail", "login-pair-wait"). */
  name: string;
  /** Failures counted before the first delay; 0 switches the dimension off. */
  free: number;
  /** The first delay; each further failure doubles it. */
  baseSec: number;
  /** The longest delay (the doubling stops here: a delay, never a lock for good). */
  maxSec: number;
  /** Failures are counted over this fixed window from the first one; then the count starts again. */
  windowSec: number;
}

/** The delay imposed after the `failures`-th failure: none below `free`, then base, 2×base, 4×base … up to max. */
export function delayAfter(failures: number, spec: Pick<BackoffSpec, "free" | "baseSec" | "maxSec">): number {
  if (spec.free <= 0 || failures < spec.free) return 0;
  const exp = Math.min(failures - spec.free, 30); // 2^30 s is past any sane max; keeps the number finite
  return Math.min(spec.maxSec, spec.baseSec * 2 ** exp);
}

export interface Waiting {
  /** Milliseconds until the next attempt is allowed. */
  msLeft: number;
}

/**
 * Exponential backoff over two rate-limiter-flexible limiters (memory or Redis alike): a failure counter per key and a
 * "wait" key blocked for the current delay. Attempts made while waiting are refused by the caller before any password
 * is checked, and they do not count — only real guesses move the delay.
 */
export interface Backoff {
  readonly spec: BackoffSpec;
  /** The delay still running for `key`, or null when an attempt may go ahead. */
  waiting(key: string): Promise<Waiting | null>;
  /** Failures counted for `key` in the current window. */
  failures(key: string): Promise<number>;
  /** Counts one failure and starts the delay it earns; returns the failure count and that delay. */
  fail(key: string): Promise<{ failures: number; delaySec: number }>;
  /** Forgets `key` (a successful login from this source). */
  clear(key: string): Promise<void>;
}

/** Counters never run out of points: the delay, not the limiter, decides. */
const UNCAPPED = 1_000_000_000;

export function createBackoff(factory: LimiterFactory, spec: BackoffSpec): Backoff {
  const counter = factory({ name: `${spec.name}-fail`, points: UNCAPPED, durationSec: spec.windowSec });
  const wait = factory({ name: `${spec.name}-wait`, points: 1, durationSec: Math.max(1, spec.maxSec) });
  return {
    spec,
    async waiting(key) {
      if (spec.free <= 0) return null;
      const res = await wait.get(key);
      // block() stores points + 1 with the block's TTL; anything less is not a running delay
      if (!res || res.consumedPoints <= wait.points || res.msBeforeNext <= 0) return null;
      return { msLeft: res.msBeforeNext };
    },
    async failures(key) {
      if (spec.free <= 0) return 0;
      return (await counter.get(key))?.consumedPoints ?? 0;
    },
    async fail(key) {
      if (spec.free <= 0) return { failures: 0, delaySec: 0 };
      const failures = (await counter.consume(key)).consumedPoints;
      const delaySec = delayAfter(failures, spec);
      if (delaySec > 0) await wait.block(key, delaySec);
      return { failures, delaySec };
    },
    async clear(key) {
      await Promise.all([counter.delete(key), wait.delete(key)]);
    },
  };
}
