import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Redis } from "ioredis";
import { createApp } from "./app.ts";
import { clientConfigFrom } from "./routes/client-config/index.ts";
import { allowedOrigins, loadConfig, type Config } from "./env.ts";
import type { Logger } from "./lib/logger.ts";
import { httpTelemetry } from "./observability/http-telemetry.ts";
import { createLogger } from "@pregao/telemetry";
import { BffMetrics } from "./observability/metrics.ts";
import { feedMetricsFlush } from "./observability/feed-metrics.ts";
import { auditMetricsFlush, socketLimitObservers } from "./observability/abuse-metrics.ts";
import type { RealtimeLimits } from "./realtime/socket-limits.ts";
import type { HealthMonitor } from "./observability/health-monitor.ts";
import { LatencyWindow } from "./observability/latency-window.ts";
import type { OpsService } from "./observability/ops-service.ts";
import {
  createHealthMonitor,
  createOps,
  realtimeObservers,
  startMetricsEndpoint,
} from "./observability/setup.ts";
import { connectedCounts } from "./realtime/ops-handlers.ts";
import { attachRealtime, type Realtime } from "./realtime/socket-server.ts";
import { createAuditSink, defaultAuditFile, type PinoAuditSink } from "./security/audit.ts";
import { createPerimeter, type Perimeter } from "./security/perimeter.ts";
import { DemoUserDirectory } from "./identity/demo-users.ts";
import { FileUserDirectory } from "./identity/file-user-directory.ts";
import type { UserDirectory } from "./identity/user.ts";
import type { AuditSink } from "./session/audit-sink.ts";
import { MemorySessionStore } from "./session/memory-store.ts";
import { RedisSessionStore } from "./session/redis-store.ts";
import { oidcFromConfig } from "./session/oidc/index.ts";
import { SessionService } from "./session/session-service.ts";
import type { MarketFeed } from "./upstream/market-feed.ts";
import { createFeed } from "./upstream/create-feed.ts";
import { BarStore } from "./bars/bar-store.ts";
import { composeTape } from "./tape/compose.ts";
import { createServices, type Services } from "./services/index.ts";
import { composeWorkspace, type ComposedWorkspace } from "./workspace/compose.ts";

export { createFeed };

export interface RunningBff {
  port: number;
  url: string;
  config: Config;
  feed: MarketFeed;
  realtime: Realtime;
  logger: Logger;
  /** Rate limits, login guard, audit log (security/). */
  perimeter: Perimeter;
  audit: PinoAuditSink;
  /** Server-side sessions and local users (session core). */
  sessions: SessionService;
  users: UserDirectory;
  /** Origins allowed for sockets and state-changing requests (known after listen when PORT=0). */
  allowedOrigins: readonly string[];
  /** Service-token keys, backend clients (breakers), the order push stream. */
  services: Services;
  /** Debug counters, as served at `/api/v1/stats`. */
  stats(): Record<string, unknown>;
  /** This instance's Prometheus registry (observability/metrics.ts). */
  metrics: BffMetrics;
  /** `GET /metrics` on the separate metrics listener (METRICS_HOST:METRICS_PORT). */
  metricsUrl: string;
  /** Background dependency probes behind `/health/ready` and the ops panel. */
  health: HealthMonitor;
  /** The ops panel's sampler and snapshots (`ops:*` socket events). */
  ops: OpsService;
  /** Per-user workspaces (PostgreSQL or embedded PGlite), migrated at start. */
  workspace: ComposedWorkspace;
  close(): Promise<void>;
}

/**
 * Starts the whole BFF (feed link, HTTP app, socket.io) on `HOST:PORT` (PORT 0 → ephemeral) and resolves once it
 * listens. Overrides win over the environment. Used by `index.ts`, the integration tests and the e2e stack.
 */
/** Test seams for startBff (production passes none). */
export interface BffDeps {
  /** Session clock (idle/absolute timeouts), e.g. a fake one in tests. */
  now?: () => number;
  /** Receives the session core's audit events instead of the audit log (tests). */
  audit?: AuditSink;
}

/** Users from USERS_FILE, plus the demo users in memory when PREGAO_DEMO (env.ts refuses that in production). */
async function createUsers(config: Config): Promise<UserDirectory> {
  const file = new FileUserDirectory(config.USERS_FILE);
  return config.PREGAO_DEMO ? DemoUserDirectory.create(file) : file;
}

/** Sessions in Redis when REDIS_URL is set (shared by every instance), else in this process. */
function createSessions(
  config: Config,
  log: Logger,
  now: () => number,
): { sessions: SessionService; redis: Redis | null } {
  let store;
  let redis: Redis | null = null;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
    redis.on("error", (err: Error) => log.warn({ err: err.message }, "session redis unavailable"));
    store = new RedisSessionStore(redis, config.REDIS_KEY_PREFIX, true);
  } else store = new MemorySessionStore(now);
  const sessions = new SessionService({
    store,
    idleMs: config.SESSION_IDLE_MS,
    absoluteMs: config.SESSION_ABSOLUTE_MS,
    now,
  });
  return { sessions, redis };
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

export async function startBff(
  overrides: Partial<Config> = {},
  logger?: Logger,
  deps: BffDeps = {},
): Promise<RunningBff> {
  const config = loadConfig(overrides);
  const metrics = new BffMetrics();
  const log: Logger = logger ?? createLogger({ level: config.LOG_LEVEL, svc: "bff" });
  const services = await createServices(config, log, metrics);
  const feed = createFeed(config, log, services.minter);
  // One bar aggregator per (asset, interval), shared by every client: history + live trades (bars/).
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
  // The tape's newest prints per asset, shared by every client: today's history + live trades (tape/).
  const tape = composeTape(feed);
  const flushFeedMetrics = feedMetricsFlush(
    metrics,
    () => feed.stats.snapshot(),
    () => feed.market.violations.snapshot(),
  );
  const flushAuditMetrics = auditMetricsFlush(metrics, () => audit.stats());
  const emitLatency = new LatencyWindow();
  const stats = (): Record<string, unknown> => ({
    upstream: feed.stats.snapshot(),
    feedViolations: feed.market.violations.snapshot(),
    conflation: realtime.hub.stats(),
    link: feed.client.link,
    breaker: feed.breaker.snapshot(),
    services: services.status(),
  });
  // --- perimeter (security/): audit log, limiters (Redis when REDIS_URL: fail fast → in-memory insurance) ---
  const audit = createAuditSink(config.AUDIT_LOG_FILE ?? defaultAuditFile, {
    aggregateWindowMs: config.AUDIT_AGGREGATE_WINDOW_MS,
    queueMax: config.AUDIT_QUEUE_MAX,
  });
  const limiterRedis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  limiterRedis?.on("error", (err: Error) => log.warn({ err: err.message }, "rate-limit redis unavailable"));
  let origins: string[] = [];
  const perimeter = createPerimeter(config, {
    allowedOrigins: () => origins,
    redis: limiterRedis,
    redisPrefix: `${config.REDIS_KEY_PREFIX}rl`,
    audit,
    onRejected: (limiter) => metrics.rateLimitRejections.labels(limiter).inc(),
  });
  // --- end perimeter ---
  // --- session core (identity/, session/) ---
  const users = await createUsers(config);
  const { sessions, redis: sessionRedis } = createSessions(config, log, deps.now ?? Date.now);
  const sessionAudit: AuditSink = deps.audit ?? audit;
  const oidc = oidcFromConfig(config, { sessions, audit: sessionAudit, logger: log, redis: sessionRedis });
  const expiredSub = sessions.onEnded((e) => {
    if (e.reason === "SESSION_EXPIRED")
      sessionAudit.record({ type: "session.expired", userId: e.userId, reason: e.reason });
  });
  // --- end session core ---
  const workspace = await composeWorkspace({ config, logger: log });
  const feedStatus = () => feed.status.current();
  const health = createHealthMonitor(config, { feedStatus, services, limiterRedis, sessions, metrics });
  // realtime is attached after listen; the ops sampler and the gauges read it lazily.
  const connected = () => connectedCounts(realtime.io);
  const ops = createOps(config, { feedStatus, stats: feed.stats, health, connected, emitLatency, metrics });
  const app = createApp({
    perimeter,
    sessions,
    users,
    audit: sessionAudit,
    ...(oidc ? { oidc } : {}),
    logger: log,
    catalog: feed.catalog,
    candles: bars,
    feedStatus,
    readyMaxFeedAgeMs: config.READY_MAX_FEED_AGE_MS,
    health,
    runbooksDir: config.RUNBOOKS_DIR,
    stats,
    webDist: config.WEB_DIST,
    services,
    jwks: () => services.keys.jwks(),
    clientConfig: clientConfigFrom(config),
    telemetry: httpTelemetry({ logger: log, metrics }),
    workspace: { service: workspace.service, maxBytes: workspace.maxBytes },
  });
  const server = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () =>
      resolve(s as HttpServer),
    );
  });
  const observers = realtimeObservers(metrics, emitLatency);
  const realtime = attachRealtime(server, {
    feed,
    logger: log,
    conflationMs: config.CONFLATION_MS,
    tradeCap: config.TRADE_BUFFER_CAP,
    snapshotWaitMs: config.SNAPSHOT_WAIT_MS,
    limits: socketLimitsFrom(config, perimeter, metrics),
    auth: {
      sessions,
      allowedOrigins: () => origins,
      revalidateMs: config.SESSION_REVALIDATE_MS,
      audit: sessionAudit,
      logger: log,
    },
    orders: services.stream,
    ...observers,
    ops: { service: ops, pushMs: config.OPS_PUSH_MS },
    bars,
    tape,
    engine: { clientAddress: perimeter.clientAddress, instanceId: config.INSTANCE_ID },
  });
  const metricsServer = await startMetricsEndpoint(
    config,
    metrics,
    log,
    {
      feedStatus,
      services: () => services.status(),
      readiness: () => health.readiness(),
      connected,
    },
    () => {
      observers.meter.flush();
      flushFeedMetrics();
      flushAuditMetrics();
    },
  );
  feed.start();
  services.stream.start();
  health.start();
  ops.start();
  const port = (server.address() as AddressInfo).port;
  origins = allowedOrigins(config, port);
  const url = `http://${config.HOST}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      server.closeAllConnections();
      health.stop();
      ops.stop();
      await metricsServer.close();
      await realtime.close();
      bars.dispose();
      tape.dispose();
      await feed.close();
      await services.close();
      expiredSub.dispose();
      await sessions.close();
      await workspace.dispose();
      limiterRedis?.disconnect();
      await audit.close();
    })());
  return {
    port,
    url,
    config,
    feed,
    realtime,
    logger: log,
    perimeter,
    audit,
    sessions,
    users,
    services,
    get allowedOrigins() {
      return origins;
    },
    stats,
    metrics,
    metricsUrl: metricsServer.url,
    health,
    ops,
    workspace,
    close,
  };
}
