import { z } from "zod";

const ms = (def: number) => z.coerce.number().int().nonnegative().default(def);

/**
 * The feed's integrity and resource bounds (request tracking, silent assets, catalog refresh, frame and write caps).
 * Spread into `configSchema` in env.ts; `create-feed.ts` maps them onto `FeedIntegrityOptions`.
 */
export const feedIntegrityConfigShape = {
  /** An upstream request (subscribe, unsubscribe, listAssets) with no reply for this long is retried. */
  FEED_REQUEST_TIMEOUT_MS: ms(3000).pipe(z.number().min(10)),
  /**
   * Largest retry delay of an unanswered request (jittered exponential from FEED_BACKOFF_INITIAL_MS; retries go on while
   * wanted). Small on purpose: a bridge that lost requests while its DLL logged in must have quotes flowing again within
   * 10 s of being ready, and one subscribe per wanted asset every few seconds costs the bridge nothing.
   */
  FEED_REQUEST_BACKOFF_MAX_MS: ms(5000).pipe(z.number().min(10)),
  /** At most one resync per asset per this long: a gap storm re-subscribes the held set at most once per interval. */
  FEED_RESYNC_INTERVAL_MS: ms(1000),
  /** An asset silent for this many times its typical inter-message gap (while the link flows) is re-subscribed. */
  FEED_ASSET_SILENCE_FACTOR: z.coerce.number().positive().default(20),
  /** Never call an asset silent before this long, whatever its rate. */
  FEED_ASSET_SILENCE_FLOOR_MS: ms(5000).pipe(z.number().min(10)),
  /** Always call an asset silent after this long, whatever its rate (also the limit before its rate is learnt). */
  FEED_ASSET_SILENCE_CEILING_MS: ms(60_000).pipe(z.number().min(10)),
  /** Slow periodic refresh of the instrument catalog (0 = off); evidence of missing assets refreshes sooner. */
  FEED_CATALOG_REFRESH_MS: ms(15 * 60_000),
  /** At most one evidence-driven catalog refresh per this long. */
  FEED_CATALOG_REFRESH_MIN_MS: ms(10_000),
  /** How long a subscribe to a ticker missing from the catalog may wait for a refresh before UNKNOWN_ASSET. */
  FEED_CATALOG_LOOKUP_WAIT_MS: ms(1500),
  /** Largest upstream frame (bytes); a bigger one closes the link (1009) and the reconnect loop takes over. */
  FEED_MAX_FRAME_BYTES: ms(4 * 1024 * 1024).pipe(z.number().min(1024)),
  /** Bytes buffered towards the upstream above which requests wait in the coalescing queue. */
  FEED_WRITE_BUFFER_BYTES: ms(256 * 1024).pipe(z.number().min(1)),
  /** Writes not drained for this long mean the upstream stopped reading: drop the link and reconnect. */
  FEED_WRITE_STALL_MS: ms(10_000).pipe(z.number().min(10)),
};
