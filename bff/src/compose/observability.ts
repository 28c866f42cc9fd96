import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { auditMetricsFlush } from "../observability/abuse-metrics.ts";
import { feedMetricsFlush } from "../observability/feed-metrics.ts";
import type { HealthMonitor } from "../observability/health-monitor.ts";
import { LatencyWindow } from "../observability/latency-window.ts";
import type { BffMetrics } from "../observability/metrics.ts";
import type { MetricsServer } from "../observability/metrics-server.ts";
import type { ConnectedCounts, OpsService, OpsSources } from "../observability/ops-service.ts";
import {
  createHealthMonitor,
  createOps,
  realtimeObservers,
  type HealthSetupDeps,
  startMetricsEndpoint,
} from "../observability/setup.ts";
import type { Services } from "../services/index.ts";
import type { SessionService } from "../session/session-service.ts";
import type { MarketFeed } from "../upstream/market-feed.ts";

export interface ComposedObservability {
  /** Background dependency probes behind `/health/ready` and the ops panel. */
  health: HealthMonitor;
  /** The ops panel's sampler and snapshots. */
  ops: OpsService;
  /** Emit latency (tick → socket write) for the ops panel, fed by the conflators' meter. */
  emitLatency: LatencyWindow;
  /** The realtime hooks that feed the metrics; `meter.flush()` runs before each exposition. */
  observers: ReturnType<typeof realtimeObservers>;
  /** Starts the probes and the sampler (once everything they read exists). */
  start(): void;
  /** Stops the probes and the sampler. */
  dispose(): void;
}

/** Health probes, the ops sampler and the realtime meters; `connected` is read lazily (realtime attaches later). */
export function composeObservability(deps: {
  config: Config;
  metrics: BffMetrics;
  feed: MarketFeed;
  services: Services;
  limiterRedis: { ping(): Promise<unknown> } | null;
  sessions: SessionService;
  connected: () => ConnectedCounts;
  /** The fleet view (compose/cluster.ts), read lazily: it is built on the socket.io server, after this. */
  fleet: OpsSources["fleet"];
  /** The database handle: its status feeds the `database` / `database-replica` checks and gauges. */
  database?: HealthSetupDeps["database"];
}): ComposedObservability {
  const { config, metrics, feed } = deps;
  const feedStatus = () => feed.status.current();
  const health = createHealthMonitor(config, {
    feedStatus,
    services: deps.services,
    limiterRedis: deps.limiterRedis,
    sessions: deps.sessions,
    metrics,
    ...(deps.database ? { database: deps.database } : {}),
  });
  const emitLatency = new LatencyWindow();
  const ops = createOps(config, {
    feedStatus,
    stats: feed.stats,
    health,
    connected: deps.connected,
    emitLatency,
    metrics,
    fleet: deps.fleet,
  });
  return {
    health,
    ops,
    emitLatency,
    observers: realtimeObservers(metrics, emitLatency),
    start: () => {
      health.start();
      ops.start();
    },
    dispose: () => {
      health.stop();
      ops.stop();
    },
  };
}

/**
 * `GET /metrics` on METRICS_HOST:METRICS_PORT. Event counters that the feed, the conflators and the audit log count
 * themselves are moved into Prometheus at scrape time, right before the collect-time gauges are refreshed.
 */
export function serveMetrics(deps: {
  config: Config;
  metrics: BffMetrics;
  logger: Logger;
  feed: MarketFeed;
  services: Services;
  audit: { stats: Parameters<typeof auditMetricsFlush>[1] };
  observability: ComposedObservability;
  connected: () => ConnectedCounts;
}): Promise<MetricsServer> {
  const { metrics, feed, services, observability } = deps;
  const flushFeed = feedMetricsFlush(
    metrics,
    () => feed.stats.snapshot(),
    () => feed.market.violations.snapshot(),
  );
  const flushAudit = auditMetricsFlush(metrics, () => deps.audit.stats());
  return startMetricsEndpoint(
    deps.config,
    metrics,
    deps.logger,
    {
      feedStatus: () => feed.status.current(),
      services: () => services.status(),
      readiness: () => observability.health.readiness(),
      connected: deps.connected,
    },
    () => {
      observability.observers.meter.flush();
      flushFeed();
      flushAudit();
    },
  );
}
