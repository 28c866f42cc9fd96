import { createLogger } from "@pregao/telemetry";
import { composeFeed, feedToken } from "./compose/feed.ts";
import { composeHttp } from "./compose/http.ts";
import { composeObservability, serveMetrics } from "./compose/observability.ts";
import { composePerimeter } from "./compose/perimeter.ts";
import { composeRealtime } from "./compose/realtime.ts";
import { composeSessions } from "./compose/sessions.ts";
import { allowedOrigins, loadConfig, type Config } from "./env.ts";
import type { UserDirectory } from "./identity/user.ts";
import type { Logger } from "./lib/logger.ts";
import { TeardownStack } from "./lib/teardown-stack.ts";
import type { HealthMonitor } from "./observability/health-monitor.ts";
import { BffMetrics } from "./observability/metrics.ts";
import type { ConnectedCounts, OpsService } from "./observability/ops-service.ts";
import { connectedCounts } from "./realtime/ops-handlers.ts";
import type { Realtime } from "./realtime/socket-server.ts";
import type { PinoAuditSink } from "./security/audit.ts";
import type { Perimeter } from "./security/perimeter.ts";
import { createServices, type Services } from "./services/index.ts";
import type { AuditSink } from "./session/audit-sink.ts";
import type { SessionService } from "./session/session-service.ts";
import type { MarketFeed } from "./upstream/market-feed.ts";
import { composeWorkspace, type ComposedWorkspace } from "./workspace/compose.ts";
import { composeDatabase } from "./db/compose.ts";
import { composeAuditTrail } from "./audit/compose.ts";
import type { Database } from "./db/database.ts";
import type { FleetMember, FleetView } from "@pregao/contracts";
import { trackInFlight } from "./lib/in-flight.ts";
import { composeClusterLink, composeFleet } from "./compose/cluster.ts";
import { drainInstance, type DrainReport } from "./compose/drain.ts";

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
  /** The one database handle (PostgreSQL + read replica, or embedded PGlite), migrated at start (db/). */
  database: Database;
  /** Per-user workspaces, in `database`. */
  workspace: ComposedWorkspace;
  /**
   * SIGTERM's first half (compose/drain.ts): readiness 503, no new sockets, connected clients told to reconnect
   * elsewhere with jitter, in-flight HTTP requests answered; bounded by DRAIN_TIMEOUT_MS. Then call `close()`.
   */
  drain(report?: (phase: string, detail: Record<string, unknown>) => void): Promise<DrainReport>;
  /** Closes every area in reverse order of composition (each step runs; failures are logged, then rejected). */
  close(): Promise<void>;
}

/** Test seams for startBff (production passes none). */
export interface BffDeps {
  /** Session clock (idle/absolute timeouts), e.g. a fake one in tests. */
  now?: () => number;
  /** Receives the session core's audit events instead of the audit log (tests). */
  audit?: AuditSink;
}

/**
 * Starts the whole BFF (feed link, HTTP app, socket.io) on `HOST:PORT` (PORT 0 → ephemeral) and resolves once it
 * listens. Overrides win over the environment. Used by `index.ts`, the integration tests and the e2e stack.
 *
 * One compose function per area (compose/), in dependency order; each area's teardown goes on one stack as it is
 * created, so `close()` — or a failed start — undoes them newest first. Nothing connects upstream or probes until
 * every area exists (the start section at the end).
 */
export async function startBff(
  overrides: Partial<Config> = {},
  logger?: Logger,
  deps: BffDeps = {},
): Promise<RunningBff> {
  const config = loadConfig(overrides);
  const log: Logger = logger ?? createLogger({ level: config.LOG_LEVEL, svc: "bff" });
  const metrics = new BffMetrics();
  const stack = new TeardownStack((step, err) => log.error({ err, step }, "close step failed"));
  // Origins follow the bound port (PORT=0); the perimeter and the socket handshake read them per request.
  let origins: string[] = [];
  const origin = () => origins;
  try {
    const services = await createServices(config, log, metrics);
    stack.defer("services", () => services.close());
    const feed = stack.use(
      "feed",
      composeFeed({ config, logger: log, token: feedToken(config, services.minter) }),
    );
    // Before every area that stores rows (audit, users, workspaces): they close first, the database after them.
    const database = stack.use("database", await composeDatabase({ config, logger: log }));
    // The audit trail in the database (null when AUDIT_STORE=off): after the database (it closes first), before the
    // perimeter whose audit sink writes to it (that sink closes first and flushes its open aggregates into it).
    const auditTrail = await composeAuditTrail({ config, logger: log, database });
    if (auditTrail) stack.use("audit trail", auditTrail);
    const perimeter = stack.use(
      "perimeter",
      composePerimeter({ config, logger: log, metrics, allowedOrigins: origin, auditTrail }),
    );
    const sessions = stack.use(
      "sessions",
      await composeSessions({
        config,
        logger: log,
        now: deps.now ?? Date.now,
        audit: deps.audit ?? perimeter.audit,
        database,
      }),
    );
    const workspace = stack.use("workspace", composeWorkspace({ config, database }));
    // realtime attaches after listen; the ops sampler and the gauges read it lazily (and the fleet built on it).
    const connected = (): ConnectedCounts => connectedCounts(realtime.realtime.io);
    const fleetView = { view: (self: FleetMember): FleetView => fleet.fleet.view(self) };
    const observability = stack.use(
      "observability",
      composeObservability({
        config,
        metrics,
        feed: feed.feed,
        services,
        limiterRedis: perimeter.limiterRedis,
        sessions: sessions.sessions,
        connected,
        fleet: fleetView,
        database,
      }),
    );
    const stats = (): Record<string, unknown> => ({
      upstream: feed.feed.stats.snapshot(),
      feedViolations: feed.feed.market.violations.snapshot(),
      conflation: realtime.realtime.hub.stats(),
      link: feed.feed.client.link,
      breaker: feed.feed.breaker.snapshot(),
      services: services.status(),
    });
    const http = stack.use(
      "http",
      await composeHttp({
        config,
        logger: log,
        metrics,
        perimeter,
        sessions,
        feed,
        services,
        observability,
        workspace,
        auditTrail: auditTrail?.reader ?? null,
        stats,
      }),
    );
    origins = allowedOrigins(config, http.port);
    // Requests being answered (not socket.io's held long-polls): a drain lets them finish before closing.
    const inFlight = trackInFlight(http.server, (req) => req.url?.startsWith("/socket.io/") ?? false);
    stack.defer("in-flight tracking", () => inFlight.dispose());
    const clusterLink = stack.use("cluster link", composeClusterLink(config, log));
    const realtime = stack.use(
      "realtime",
      composeRealtime({
        server: http.server,
        config,
        logger: log,
        metrics,
        perimeter: perimeter.perimeter,
        sessions,
        allowedOrigins: origin,
        feed,
        services,
        observability,
        cluster: clusterLink.adapter,
      }),
    );
    // Areas built on the socket.io server compose here: they close before it.
    const fleet = stack.use(
      "fleet",
      composeFleet({ config, realtime: realtime.realtime, ops: observability.ops }),
    );
    const metricsServer = await serveMetrics({
      config,
      metrics,
      logger: log,
      feed: feed.feed,
      services,
      audit: perimeter.audit,
      observability,
      connected,
    });
    stack.defer("metrics endpoint", () => metricsServer.close());
    // --- start: everything that listens is attached; connect upstream and begin probing ---
    feed.feed.start();
    services.stream.start();
    observability.start();
    database.start();
    return {
      port: http.port,
      url: `http://${config.HOST}:${http.port}`,
      config,
      feed: feed.feed,
      realtime: realtime.realtime,
      logger: log,
      perimeter: perimeter.perimeter,
      audit: perimeter.audit,
      sessions: sessions.sessions,
      users: sessions.users,
      services,
      get allowedOrigins() {
        return origins;
      },
      stats,
      metrics,
      metricsUrl: metricsServer.url,
      health: observability.health,
      ops: observability.ops,
      database,
      workspace,
      drain: (report) =>
        drainInstance({
          config,
          logger: log,
          health: observability.health,
          fleet: fleet.fleet,
          sockets: realtime.realtime.drain,
          inFlight,
          ...(report ? { report } : {}),
        }),
      close: () => stack.dispose(),
    };
  } catch (err) {
    await stack.dispose().catch(() => undefined); // each failed step is already logged
    throw err;
  }
}
