import type { SilenceOptions } from "./asset-watch.ts";
import type { CatalogRefreshOptions } from "./catalog-refresh.ts";

/** The feed's defences against an upstream that loses replies, goes quiet per asset, floods or stops reading. */
export interface FeedIntegrityOptions {
  /** A request with no reply for this long is retried (with backoff). */
  requestTimeoutMs: number;
  /** First and largest retry delay of an unanswered request (jittered, doubling). */
  requestBackoffInitialMs: number;
  requestBackoffMaxMs: number;
  /** At most one resync per asset per this long (gap storms re-subscribe the held set at most once per interval). */
  resyncIntervalMs: number;
  silence: SilenceOptions;
  catalog: CatalogRefreshOptions;
  maxFrameBytes: number;
  writeBufferBytes: number;
  writeStallMs: number;
}

/** The same defaults as `bff/src/env.ts` (for tests and tools that build a feed without a config). */
export const defaultIntegrity: FeedIntegrityOptions = {
  requestTimeoutMs: 3000,
  requestBackoffInitialMs: 250,
  requestBackoffMaxMs: 30_000,
  resyncIntervalMs: 1000,
  silence: { factor: 20, floorMs: 5000, ceilingMs: 60_000 },
  catalog: { periodMs: 15 * 60_000, minIntervalMs: 10_000, lookupWaitMs: 1500 },
  maxFrameBytes: 4 * 1024 * 1024,
  writeBufferBytes: 256 * 1024,
  writeStallMs: 10_000,
};
