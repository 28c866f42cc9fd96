import { Redis } from "ioredis";
import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { LogThrottle } from "../lib/log-throttle.ts";
import { Fleet } from "../cluster/fleet.ts";
import type { OpsService } from "../observability/ops-service.ts";
import type { Realtime } from "../realtime/socket-server.ts";

export interface ClusterLink {
  /** The socket.io adapter's Redis connection and key prefix; null without REDIS_URL (a single instance). */
  adapter: { redis: Redis; keyPrefix: string } | null;
  dispose(): void;
}

/**
 * The Redis connection the socket.io Redis Streams adapter publishes on (it duplicates it for its blocking XREAD).
 * Its own connection with the offline queue ON: a publish made while Redis restarts waits for the reconnect instead of
 * failing, and the adapter's read loop waits instead of spinning.
 */
export function composeClusterLink(config: Config, logger: Logger): ClusterLink {
  if (!config.REDIS_URL) return { adapter: null, dispose: () => undefined };
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 20 });
  const throttle = new LogThrottle(logger);
  redis.on("error", (err: Error) =>
    throttle.warn(
      "cluster-redis",
      { err: err.message },
      "cluster redis unavailable; cross-instance events wait",
    ),
  );
  return {
    adapter: { redis, keyPrefix: config.REDIS_KEY_PREFIX },
    dispose: () => {
      throttle.flush();
      redis.disconnect();
    },
  };
}

export interface ComposedFleet {
  fleet: Fleet;
  dispose(): void;
}

/** The fleet view: this instance's summary published every OPS_PUSH_MS over the cluster bus, peers' kept. */
export function composeFleet(deps: { config: Config; realtime: Realtime; ops: OpsService }): ComposedFleet {
  const fleet = new Fleet({
    bus: deps.realtime.bus,
    member: () => deps.ops.member(),
    publishMs: deps.config.OPS_PUSH_MS,
  });
  return { fleet, dispose: () => fleet.dispose() };
}
