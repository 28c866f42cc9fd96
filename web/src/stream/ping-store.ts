import { create } from "zustand";

/** Round trips kept for the rolling median: one minute at one ping every 5 s. */
export const PING_WINDOW = 12;

interface PingState {
  /** Last measured browser → BFF → browser round trip (ms); null before the first or after a disconnect. */
  lastRttMs: number | null;
  /** The last PING_WINDOW round trips, oldest first. */
  samples: number[];
  record(rttMs: number): void;
  reset(): void;
}

/** This browser's own socket latency (`connection:ping`), for the trader's status strip. */
export const usePingStore = create<PingState>()((set) => ({
  lastRttMs: null,
  samples: [],
  record: (rttMs) => set((s) => ({ lastRttMs: rttMs, samples: [...s.samples, rttMs].slice(-PING_WINDOW) })),
  reset: () => set({ lastRttMs: null, samples: [] }),
}));

/** Median of the samples (mean of the middle two for an even count); null when empty. */
export function median(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
