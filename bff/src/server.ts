import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { pino } from "pino";
import { createApp } from "./app.ts";
import { loadConfig, type Config } from "./env.ts";
import type { Logger } from "./lib/logger.ts";
import { attachRealtime, type Realtime } from "./realtime/socket-server.ts";
import { MarketFeed } from "./upstream/market-feed.ts";

export interface RunningBff {
  port: number;
  url: string;
  config: Config;
  feed: MarketFeed;
  realtime: Realtime;
  logger: Logger;
  /** Debug counters, as served at `/api/v1/stats`. */
  stats(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Builds the upstream feed from config. */
export function createFeed(config: Config, logger: Logger): MarketFeed {
  return new MarketFeed({
    url: config.FEED_URL,
    token: config.FEED_TOKEN,
    staleMs: config.FEED_STALE_MS,
    deadMs: config.FEED_DEAD_MS,
    connectTimeoutMs: config.FEED_CONNECT_TIMEOUT_MS,
    lingerMs: config.SUBSCRIPTION_LINGER_MS,
    logger,
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

/**
 * Starts the whole BFF (feed link, HTTP app, socket.io) on `HOST:PORT` (PORT 0 → ephemeral) and resolves once it
 * listens. Overrides win over the environment. Used by `index.ts`, the integration tests and the e2e stack.
 */
export async function startBff(overrides: Partial<Config> = {}, logger?: Logger): Promise<RunningBff> {
  const config = loadConfig(overrides);
  const log: Logger = logger ?? pino({ level: config.LOG_LEVEL, base: { svc: "bff" } });
  const feed = createFeed(config, log);
  const stats = (): Record<string, unknown> => ({
    upstream: feed.stats.snapshot(),
    conflation: realtime.hub.stats(),
    link: feed.client.link,
    breaker: feed.breaker.snapshot(),
  });
  const app = createApp({
    logger: log,
    catalog: feed.catalog,
    feedStatus: () => feed.status.current(),
    readyMaxFeedAgeMs: config.READY_MAX_FEED_AGE_MS,
    stats,
    webDist: config.WEB_DIST,
  });
  const server = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () =>
      resolve(s as HttpServer),
    );
  });
  const realtime = attachRealtime(server, {
    feed,
    logger: log,
    conflationMs: config.CONFLATION_MS,
    tradeCap: config.TRADE_BUFFER_CAP,
    snapshotWaitMs: config.SNAPSHOT_WAIT_MS,
  });
  feed.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      server.closeAllConnections();
      await realtime.close();
      await feed.close();
    })());
  return { port, url, config, feed, realtime, logger: log, stats, close };
}
