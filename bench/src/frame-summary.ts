/** Pure summary of what the frame probe recorded in the browser: long tasks and requestAnimationFrame deltas. */

/** One frame at 60 Hz; a delta over this means at least one frame was not produced on time. */
export const FRAME_BUDGET_MS = 1000 / 60;
/** rAF timestamps jitter by a fraction of a ms: a delta within this of the budget is a frame on time. */
const JITTER_MS = 0.5;
/** The targets from the issue (informational: the bench reports verdicts, it never fails on them). */
export const FRAME_TARGETS = { longTaskMaxMs: 50, frameP95Ms: 16 } as const;

export interface FrameSummary {
  windowSeconds: number;
  longTasks: { count: number; maxMs: number; totalMs: number };
  frames: {
    count: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    /** Deltas over FRAME_BUDGET_MS (+ jitter): each is at least one frame not produced on time. */
    dropped: number;
  };
  verdicts: { noLongTaskOver50ms: boolean; frameP95Within16ms: boolean };
}

/** Nearest-rank percentile of an ascending array (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * `frameDeltas`: ms between consecutive rAF callbacks; `longTaskMs`: PerformanceObserver `longtask` durations (the
 * browser reports only tasks over 50 ms, so any entry at all is over the target).
 */
export function summariseFrames(
  frameDeltas: readonly number[],
  longTaskMs: readonly number[],
  windowSeconds: number,
): FrameSummary {
  const sorted = [...frameDeltas].sort((a, b) => a - b);
  const maxLong = longTaskMs.reduce((m, d) => Math.max(m, d), 0);
  const p95 = percentile(sorted, 95);
  return {
    windowSeconds,
    longTasks: {
      count: longTaskMs.length,
      maxMs: round(maxLong),
      totalMs: round(longTaskMs.reduce((s, d) => s + d, 0)),
    },
    frames: {
      count: sorted.length,
      p50: round(percentile(sorted, 50)),
      p95: round(p95),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? 0),
      dropped: sorted.filter((d) => d > FRAME_BUDGET_MS + JITTER_MS).length,
    },
    verdicts: {
      noLongTaskOver50ms: maxLong <= FRAME_TARGETS.longTaskMaxMs,
      // At 60 Hz a frame on time is 16.7 ms apart: the "≤ 16 ms" reads as "p95 frame on time".
      frameP95Within16ms: sorted.length > 0 && p95 <= FRAME_BUDGET_MS + JITTER_MS,
    },
  };
}
