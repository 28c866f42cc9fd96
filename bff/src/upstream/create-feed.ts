import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { BFF_SUBJECT } from "../services/token-minter.ts";
import type { TokenMinter } from "../services/token-minter.ts";
import { MarketFeed } from "./market-feed.ts";

/** Builds the upstream feed from config. */
export function createFeed(config: Config, logger: Logger, minter?: Pick<TokenMinter, "mint">): MarketFeed {
  const token = config.FEED_TOKEN ?? (minter ? () => minter.mint("market-data", BFF_SUBJECT) : undefined);
  if (token === undefined) throw new Error("FEED_TOKEN unset and no token minter");
  return new MarketFeed({
    url: config.FEED_URL,
    // Static shared secret when configured (a bridge that knows no JWTs); else a fresh market-data token per connect.
    token,
    staleMs: config.FEED_STALE_MS,
    deadMs: config.FEED_DEAD_MS,
    connectTimeoutMs: config.FEED_CONNECT_TIMEOUT_MS,
    lingerMs: config.SUBSCRIPTION_LINGER_MS,
    market: { maxClockSkewMs: config.FEED_MAX_CLOCK_SKEW_MS },
    logger,
    integrity: {
      requestTimeoutMs: config.FEED_REQUEST_TIMEOUT_MS,
      requestBackoffInitialMs: config.FEED_BACKOFF_INITIAL_MS,
      requestBackoffMaxMs: config.FEED_REQUEST_BACKOFF_MAX_MS,
      resyncIntervalMs: config.FEED_RESYNC_INTERVAL_MS,
      silence: {
        factor: config.FEED_ASSET_SILENCE_FACTOR,
        floorMs: config.FEED_ASSET_SILENCE_FLOOR_MS,
        ceilingMs: config.FEED_ASSET_SILENCE_CEILING_MS,
      },
      catalog: {
        periodMs: config.FEED_CATALOG_REFRESH_MS,
        minIntervalMs: config.FEED_CATALOG_REFRESH_MIN_MS,
        lookupWaitMs: config.FEED_CATALOG_LOOKUP_WAIT_MS,
      },
      maxFrameBytes: config.FEED_MAX_FRAME_BYTES,
      writeBufferBytes: config.FEED_WRITE_BUFFER_BYTES,
      writeStallMs: config.FEED_WRITE_STALL_MS,
    },
    breaker: {
      threshold: config.FEED_BREAKER_THRESHOLD,
      cooldownMs: config.FEED_BREAKER_COOLDOWN_MS,
      backoffInitialMs: config.FEED_BACKOFF_INITIAL_MS,
      backoffMaxMs: config.FEED_BACKOFF_MAX_MS,
      malformedBurst: config.FEED_MALFORMED_BURST,
      malformedWindowMs: config.FEED_MALFORMED_WINDOW_MS,
    },
  });
}
