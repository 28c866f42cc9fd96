/** Exponential backoff bounds (ms). */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1-based): `initialMs · 2^(attempt-1)`, capped at `maxMs`, then jittered into
 * [50 %, 100 %] of that so many assets that failed together do not retry in lockstep.
 */
export function retryDelay(b: Backoff, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(b.maxMs, b.initialMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(base * (0.5 + random() * 0.5));
}
