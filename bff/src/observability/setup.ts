import type { FeedStatus } from "@pregao/contracts";
import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import type { Services } from "../services/index.ts";
import type { UpstreamStats } from "../upstream/stats.ts";
import { backupDatabaseName } from "../backup/backup.ts";
import { newestGoodBackup } from "../backup/catalog.ts";
import { backupAgeProbe } from "./backup-age-probe.ts";
import { HealthMonitor } from "./health-monitor.ts";
import type { DatabaseStatus } from "../db/monitor.ts";
import { databaseProbes } from "./database-probes.ts";
import { httpHealthProbe, linkProbe, pingProbe, type Probe } from "./health-probes.ts";
import { HistogramWindow } from "./histogram-window.ts";
import type { LatencyWindow } from "./latency-window.ts";
import type { BffMetrics } from "./metrics.ts";
import { refreshMetrics, type MetricsSources } from "./metrics-refresh.ts";
import { startMetricsServer, type MetricsServer } from "./metrics-server.ts";
import { clientClosedMeter, conflationMeter, socketSentMeter } from "./realtime-metrics.ts";
import { OpsService, type ConnectedCounts, type OpsSources } from "./ops-service.ts";

export interface HealthSetupDeps {
  feedStatus(): FeedStatus;
  services: Pick<Services, "orderManager" | "risk" | "stream">;
  /** The rate-limit Redis (REDIS_URL); null → no `redis` check. */
  limiterRedis: { ping(): Promise<unknown> } | null;
  sessions: { ping(): Promise<void> };
  metrics: BffMetrics;
  /** The database handle's status (db/); absent → no `database` checks. */
  database?: { status(): DatabaseStatus };
}

/** The background-probed dependency checks of one BFF, from config. */
export function createHealthMonitor(config: Config, deps: HealthSetupDeps): HealthMonitor {
  const { services } = deps;
  const breakerOf = (client: typeof services.orderManager) => () => {
    const s = client.status();
    return { state: s.state, since: s.since, lastError: s.lastError };
  };
  const probes: Probe[] = [
    httpHealthProbe("order-manager", config.ORDER_MANAGER_URL, {
      runbook: "order-manager-down-or-slow",
      breaker: breakerOf(services.orderManager),
    }),
    httpHealthProbe("risk", config.RISK_URL ?? config.ORDER_MANAGER_URL, {
      runbook: "order-manager-down-or-slow",
      breaker: breakerOf(services.risk),
    }),
    linkProbe("order-stream", () => services.stream.link, "order-manager-down-or-slow"),
    ...(deps.limiterRedis
      ? [pingProbe("redis", deps.limiterRedis, { critical: false, runbook: "redis-down" })]
      : []),
    pingProbe("session-store", deps.sessions, { critical: true, runbook: "session-store-loss" }),
    ...(deps.database ? databaseProbes(() => deps.database!.status(), databaseGauges(deps.metrics)) : []),
    ...(config.BACKUP_MAX_AGE_HOURS ? [backupProbe(config, config.BACKUP_MAX_AGE_HOURS, deps.metrics)] : []),
  ];
  return new HealthMonitor({
    feedStatus: deps.feedStatus,
    maxFeedAgeMs: config.READY_MAX_FEED_AGE_MS,
    probes,
    probeMs: config.HEALTH_PROBE_MS,
    timeoutMs: config.HEALTH_PROBE_TIMEOUT_MS,
    runbookBase: config.RUNBOOK_BASE_URL,
    metrics: deps.metrics,
  });
}

/** The newest good backup of DATABASE_URL's database in BACKUP_DIR against BACKUP_MAX_AGE_HOURS. */
function backupProbe(config: Config, maxAgeHours: number, metrics: BffMetrics): Probe {
  const database = config.DATABASE_URL ? backupDatabaseName(config.DATABASE_URL) : undefined;
  return backupAgeProbe({
    newest: () => newestGoodBackup(config.BACKUP_DIR, database),
    maxAgeHours,
    dir: config.BACKUP_DIR,
    impossible: config.DATABASE_URL
      ? undefined
      : "backups need PostgreSQL: DATABASE_URL is unset (the BFF runs on the embedded PGlite)",
    onAge: (seconds) => metrics.backupAge.set(seconds),
  });
}

/** The database probes' gauges on this instance's registry. */
function databaseGauges(metrics: BffMetrics) {
  return {
    up: (role: "primary" | "replica", value: number) => metrics.dbUp.labels(role).set(value),
    replicaLagSeconds: (value: number) => metrics.dbReplicaLag.set(value),
  };
}

export interface OpsSetupDeps {
  feedStatus(): FeedStatus;
  stats: UpstreamStats;
  health: HealthMonitor;
  connected(): ConnectedCounts;
  emitLatency: LatencyWindow;
  metrics: BffMetrics;
  /** The other instances (cluster/fleet.ts), read lazily: the fleet exists only once socket.io does. */
  fleet: OpsSources["fleet"];
}

/** The ops panel's sampler and snapshot builder. */
export function createOps(config: Config, deps: OpsSetupDeps): OpsService {
  return new OpsService(
    {
      feedStatus: deps.feedStatus,
      stats: deps.stats,
      health: deps.health,
      connected: deps.connected,
      emitLatency: deps.emitLatency,
      serviceLatency: new HistogramWindow(deps.metrics.serviceCallDuration, "service"),
      runbookBase: config.RUNBOOK_BASE_URL,
      instanceId: config.INSTANCE_ID,
      draining: () => deps.health.isDraining,
      ...(deps.fleet ? { fleet: deps.fleet } : {}),
    },
    config.OPS_SAMPLE_MS,
  );
}

/** The realtime hooks that feed the metrics (delivery, per-client distributions, messages out). */
export function realtimeObservers(metrics: BffMetrics, emitLatency: LatencyWindow) {
  return {
    /** Call `meter.flush()` before exposing (startMetricsEndpoint's `beforeExpose`). */
    meter: conflationMeter(metrics, emitLatency),
    onClientClosed: clientClosedMeter(metrics),
    onSent: socketSentMeter(metrics),
  };
}

/** `/metrics` on METRICS_HOST:METRICS_PORT; the collect-time gauges are refreshed right before each exposition. */
export function startMetricsEndpoint(
  config: Config,
  metrics: BffMetrics,
  logger: Logger,
  sources: MetricsSources,
  beforeExpose: () => void = () => undefined,
): Promise<MetricsServer> {
  return startMetricsServer({
    host: config.METRICS_HOST,
    port: config.METRICS_PORT,
    token: config.METRICS_TOKEN,
    logger,
    expose: () => {
      beforeExpose();
      refreshMetrics(metrics, sources);
      return metrics.expose();
    },
  });
}
