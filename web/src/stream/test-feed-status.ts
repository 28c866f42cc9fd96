import type { FeedStatus } from "@pregao/contracts";

/**
 * A live `feed:status` for tests (the BFF's default thresholds: 1.5 s of silence, 5 s of data age); override what
 * matters, e.g. `makeFeedStatus({ staleness: { silenceMs: 1500, dataStaleAfterMs: 7000 } })`.
 */
export function makeFeedStatus(over: Partial<FeedStatus> = {}): FeedStatus {
  const now = Date.now();
  return {
    link: { state: "live", since: 0 },
    breaker: { state: "closed", since: 0, lastError: null },
    profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
    lastMessageAt: now,
    serverTime: now,
    staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
    ...over,
  };
}

/** `makeFeedStatus` with only the data staleness threshold changed. */
export const feedStatusWithDataStaleAfter = (dataStaleAfterMs: number): FeedStatus =>
  makeFeedStatus({ staleness: { silenceMs: 1500, dataStaleAfterMs } });
