import type { Server as HttpServer } from "node:http";
import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { socketLimitObservers } from "../observability/abuse-metrics.ts";
import type { BffMetrics } from "../observability/metrics.ts";
import { attachRealtime, type Realtime } from "../realtime/socket-server.ts";
import type { RealtimeLimits } from "../realtime/socket-limits.ts";
import type { Perimeter } from "../security/perimeter.ts";
import type { Services } from "../services/index.ts";
import type { ClusterLink } from "./cluster.ts";
import type { ComposedFeed } from "./feed.ts";
import type { ComposedObservability } from "./observability.ts";
import type { ComposedSessions } from "./sessions.ts";

export interface ComposedRealtime {
  realtime: Realtime;
  /** Cuts the HTTP connections, then closes socket.io (which closes the HTTP listener it is attached to). */
  dispose(): Promise<void>;
}

/** Socket caps, subscription and event budgets from config (0 = off), with their refusal counters. */
function socketLimitsFrom(config: Config, perimeter: Perimeter, metrics: BffMetrics): RealtimeLimits {
  const { socketLimiters } = perimeter;
  return {
    caps: {
      perSession: config.SOCKET_MAX_PER_SESSION,
      perUser: config.SOCKET_MAX_PER_USER,
      perIp: config.SOCKET_MAX_PER_IP,
    },
    subscriptions: {
      perSession: config.SOCKET_SESSION_SUBSCRIPTIONS,
      perUser: config.SOCKET_USER_SUBSCRIPTIONS,
    },
    events: { socket: perimeter.socketLimiter, session: socketLimiters.session, user: socketLimiters.user },
    refusedHandshakes: socketLimiters.refusedHandshakes,
    ...socketLimitObservers(metrics),
  };
}

/** socket.io on the listening HTTP server: market data fan-out, trading pushes, ops stream, socket limits. */
export function composeRealtime(deps: {
  server: HttpServer;
  config: Config;
  logger: Logger;
  metrics: BffMetrics;
  perimeter: Perimeter;
  sessions: ComposedSessions;
  /** Read per handshake: the origins are known only after listen when PORT=0. */
  allowedOrigins: () => readonly string[];
  feed: ComposedFeed;
  services: Services;
  observability: ComposedObservability;
  /** Several instances on one Redis (compose/cluster.ts); null → this instance alone. */
  cluster: ClusterLink["adapter"];
}): ComposedRealtime {
  const { server, config, logger, perimeter, feed, observability } = deps;
  const realtime = attachRealtime(server, {
    feed: feed.feed,
    logger,
    conflationMs: config.CONFLATION_MS,
    flushGroups: config.FLUSH_GROUPS,
    tradeCap: config.TRADE_BUFFER_CAP,
    snapshotWaitMs: config.SNAPSHOT_WAIT_MS,
    limits: socketLimitsFrom(config, perimeter, deps.metrics),
    auth: {
      sessions: deps.sessions.sessions,
      allowedOrigins: deps.allowedOrigins,
      revalidateMs: config.SESSION_REVALIDATE_MS,
      audit: deps.sessions.audit,
      logger,
    },
    orders: deps.services.stream,
    ...observability.observers,
    ops: { service: observability.ops, pushMs: config.OPS_PUSH_MS },
    bars: feed.bars,
    tape: feed.tape,
    engine: { clientAddress: perimeter.clientAddress, instanceId: config.INSTANCE_ID },
    ...(deps.cluster ? { cluster: deps.cluster } : {}),
  });
  return {
    realtime,
    dispose: async () => {
      // server.close() (inside io.close) waits for every open connection: a keep-alive one would hold it.
      server.closeAllConnections();
      await realtime.close();
    },
  };
}
