import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const num = (def: number) => z.coerce.number().int().nonnegative().default(def);
const defaultWebDist = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Every setting the BFF reads, with its default. Keys are the environment variable names. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: num(9080),
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  FEED_URL: z.url({ protocol: /^wss?$/ }).default("ws://127.0.0.1:9001/feed/v1"),
  FEED_TOKEN: z.string().min(1).default("dev-feed-token"),
  /** Quote/book conflation interval per client (50 ms → ≤ 20 updates/s per asset). */
  CONFLATION_MS: num(50).pipe(z.number().min(5)),
  /** No upstream message for this long → link `stale`. */
  FEED_STALE_MS: num(2000),
  /** Stale for this long → close and reconnect. */
  FEED_DEAD_MS: num(5000),
  /** `/health/ready` fails when the link has not been live for this long. */
  READY_MAX_FEED_AGE_MS: num(10_000),
  FEED_CONNECT_TIMEOUT_MS: num(3000),
  FEED_BACKOFF_INITIAL_MS: num(250),
  FEED_BACKOFF_MAX_MS: num(10_000),
  /** Consecutive connect failures that open the breaker. */
  FEED_BREAKER_THRESHOLD: num(3).pipe(z.number().min(1)),
  FEED_BREAKER_COOLDOWN_MS: num(5000),
  /** Malformed frames within FEED_MALFORMED_WINDOW_MS that open the breaker and drop the link. */
  FEED_MALFORMED_BURST: num(5).pipe(z.number().min(1)),
  FEED_MALFORMED_WINDOW_MS: num(10_000),
  /** Bounded wait for an upstream snapshot when a socket subscribes to an asset the BFF does not hold yet. */
  SNAPSHOT_WAIT_MS: num(2000),
  /** Delay before the last-released asset is unsubscribed upstream (avoids churn). */
  SUBSCRIPTION_LINGER_MS: num(1000),
  /** Pending trades per client above which the oldest are dropped (slow client). */
  TRADE_BUFFER_CAP: num(5000).pipe(z.number().min(1)),
  WEB_DIST: z.string().default(defaultWebDist),
});
export type Config = z.infer<typeof configSchema>;

/** Thrown at start when the environment is invalid; the message names every bad field. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Parses config from `source` (process.env by default), applying `overrides` on top. */
export function loadConfig(
  overrides: Partial<Config> = {},
  source: Record<string, string | undefined> = process.env,
): Config {
  const keys = Object.keys(configSchema.shape);
  const picked = Object.fromEntries(keys.map((k) => [k, source[k] === "" ? undefined : source[k]]));
  const result = configSchema.safeParse({ ...picked, ...overrides });
  if (!result.success)
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  return result.data;
}

/** True when the built SPA exists and should be served. */
export function hasWebDist(config: Config): boolean {
  return existsSync(config.WEB_DIST);
}
