import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { withSpan } from "../observability/spans.ts";
import { BarStore } from "../bars/bar-store.ts";
import { BFF_SUBJECT, type TokenMinter } from "../services/token-minter.ts";
import { composeTape } from "../tape/compose.ts";
import type { TapeBuffers } from "../tape/tape-buffers.ts";
import type { FeedToken } from "../upstream/feed-client.ts";
import { MarketFeed } from "../upstream/market-feed.ts";

export interface ComposedFeed {
  feed: MarketFeed;
  /** One bar aggregator per (asset, interval), shared by every client: history + live trades (bars/). */
  bars: BarStore;
  /** The tape's newest prints per asset, shared by every client: today's history + live trades (tape/). */
  tape: TapeBuffers;
  /** Disposes the tape and the bars, then closes the feed link. */
  dispose(): Promise<void>;
}

/**
 * The feed's bearer: the static FEED_TOKEN when configured (a bridge that knows no JWTs), else a fresh market-data
 * service token per connect attempt (they expire in ≤ 60 s).
 */
export function feedToken(config: Pick<Config, "FEED_TOKEN">, minter: Pick<TokenMinter, "mint">): FeedToken {
  return config.FEED_TOKEN ?? (() => minter.mint("market-data", BFF_SUBJECT));
}

/** The upstream feed from config; not started (the caller starts it once everything that listens is attached). */
export function createFeed(config: Config, logger: Logger, token: FeedToken): MarketFeed {
  return new MarketFeed({
    url: config.FEED_URL,
    token,
    staleMs: config.FEED_STALE_MS,
    deadMs: config.FEED_DEAD_MS,
    connectTimeoutMs: config.FEED_CONNECT_TIMEOUT_MS,
    lingerMs: config.SUBSCRIPTION_LINGER_MS,
    dataStaleAfterMs: config.WEB_DATA_STALE_AFTER_MS,
    market: { maxClockSkewMs: config.FEED_MAX_CLOCK_SKEW_MS },
    logger,
    traced: withSpan,
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

/** Market data: the feed link and the shared bar and tape stores over it. */
export function composeFeed(deps: { config: Config; logger: Logger; token: FeedToken }): ComposedFeed {
  const { config } = deps;
  const feed = createFeed(config, deps.logger, deps.token);
  const bars = new BarStore(
    {
      history: (asset, from, to) => feed.requests.history(asset, from, to),
      onTrade: (listener) => feed.market.onTrade(({ asset, trade }) => listener({ asset, trade })),
      hold: (consumer, asset) => void feed.subscriptions.acquire(consumer, [asset]),
      release: (consumer, asset) => feed.subscriptions.release(consumer, [asset]),
      now: Date.now,
    },
    {
      maxAggregators: config.CANDLES_MAX_AGGREGATORS,
      maxBars: config.CANDLES_MAX_BARS,
      maxSeen: config.CANDLES_MAX_SEEN_TRADES,
      idleMs: config.CANDLES_IDLE_MS,
    },
  );
  const tape = composeTape(feed);
  return {
    feed,
    bars,
    tape,
    dispose: async () => {
      bars.dispose();
      tape.dispose();
      await feed.close();
    },
  };
}
