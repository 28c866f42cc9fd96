import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Every Prometheus metric the BFF exposes, in one registry per BFF instance (tests start many). Names follow the
 * Prometheus conventions: `pregao_` prefix, base units in the name (`_seconds`, `_bytes`), `_total` on counters, and
 * only bounded labels (message type, channel, dependency, route template, status, outcome, limiter) — never a user,
 * session, account, order or asset id. docs/operations.md lists them; a test reads this registry against that list.
 */
export class BffMetrics {
  readonly registry = new Registry();

  // --- upstream feed ---
  readonly feedMessages = this.counter("pregao_feed_messages_total", "Feed messages received, by type.", [
    "type",
  ]);
  readonly feedMalformed = this.counter(
    "pregao_feed_malformed_frames_total",
    "Feed frames that failed to parse or validate.",
  );
  readonly feedGaps = this.counter("pregao_feed_sequence_gaps_total", "Feed sequence gaps detected.");
  readonly feedViolations = this.counter(
    "pregao_feed_violations_total",
    "Feed messages refused as impossible data (never forwarded; the asset is resynced), by kind.",
    ["kind"],
  );
  readonly feedResyncs = this.counter(
    "pregao_feed_resyncs_total",
    "Resynchronisations: scope=link (every asset re-subscribed) or scope=asset (one asset out of sync).",
    ["scope"],
  );
  readonly feedReconnects = this.counter(
    "pregao_feed_reconnects_total",
    "Feed link connects after the first.",
  );
  readonly feedConnectFailures = this.counter(
    "pregao_feed_connect_failures_total",
    "Feed connect attempts that failed (refused, timeout, auth).",
  );
  readonly feedDataAge = this.gauge(
    "pregao_feed_data_age_seconds",
    "Seconds since the newest feed message (heartbeats included); -1 before the first one.",
  );
  readonly feedLinkState = this.gauge(
    "pregao_feed_link_state",
    "1 for the feed link's current state (connecting, live, stale, down), 0 for the others.",
    ["state"],
  );
  readonly feedRequests = this.counter(
    "pregao_feed_requests_total",
    "Upstream requests by type (subscribe, unsubscribe, listAssets) and outcome (sent, replied, failed, timedOut, retried).",
    ["type", "outcome"],
  );
  readonly feedAssetResubscribes = this.counter(
    "pregao_feed_asset_resubscribes_total",
    "Per-asset re-subscribes by reason (gap, outOfSync, silent), after coalescing.",
    ["reason"],
  );
  readonly feedAssetsWithoutData = this.gauge(
    "pregao_feed_assets_without_data",
    "Subscribed assets not receiving data, by state (pending: no snapshot yet, retrying).",
    ["state"],
  );
  readonly feedCatalogRefreshes = this.counter(
    "pregao_feed_catalog_refreshes_total",
    "Instrument catalog requests by reason (connect, evidence, lookup, periodic).",
    ["reason"],
  );
  readonly feedCatalogIncomplete = this.gauge(
    "pregao_feed_catalog_incomplete",
    "1 while evidence says the instrument catalog lacks assets (a refresh is under way), else 0.",
  );
  readonly feedOversizeFrames = this.counter(
    "pregao_feed_oversize_frames_total",
    "Upstream frames over FEED_MAX_FRAME_BYTES (each closed the link).",
  );
  readonly feedWriteStalls = this.counter(
    "pregao_feed_write_stalls_total",
    "Links dropped because the upstream stopped reading our requests (FEED_WRITE_STALL_MS).",
  );
  readonly feedRequestQueue = this.gauge(
    "pregao_feed_request_queue",
    "Upstream requests waiting for the link to take writes (bounded: one entry per asset).",
  );
  readonly feedWriteBuffered = this.gauge(
    "pregao_feed_write_buffered_bytes",
    "Bytes written to the upstream and not yet taken by its socket.",
  );
  readonly profitDllState = this.gauge(
    "pregao_profitdll_connection_state",
    "Last ProfitDLL nResult per connection type (login, routing, marketData, activation); -1 before a report.",
    ["type"],
  );

  // --- breakers and dependencies ---
  readonly breakerState = this.gauge(
    "pregao_breaker_state",
    "1 for each breaker's current state (closed, open, halfOpen), 0 for the others.",
    ["dependency", "state"],
  );
  readonly dependencyUp = this.gauge(
    "pregao_dependency_up",
    "Last health check per dependency: 1 pass, 0.5 warn, 0 fail.",
    ["dependency"],
  );
  readonly dependencyCheckDuration = this.histogram(
    "pregao_dependency_check_duration_seconds",
    "Duration of the background dependency probes.",
    ["dependency"],
    [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );
  readonly ready = this.gauge("pregao_ready", "1 when /health/ready passes or warns, 0 when it fails.");
  readonly dbUp = this.gauge(
    "pregao_db_up",
    "Database servers as the database probe last saw them: 1 up (the primary: and writable), 0 down; role=primary|replica.",
    ["role"],
  );
  readonly dbReplicaLag = this.gauge(
    "pregao_db_replica_lag_seconds",
    "Replication lag of the read replica behind the primary (0 when it has replayed everything); -1 while unknown.",
  );
  readonly backupAge = this.gauge(
    "pregao_backup_age_seconds",
    "Seconds since the newest good backup in BACKUP_DIR (the backup probe); -1 when none, or BACKUP_MAX_AGE_HOURS is unset.",
  );

  // --- browsers ---
  readonly sockets = this.gauge("pregao_socket_connections", "Connected browser sockets.");
  readonly sessions = this.gauge(
    "pregao_socket_sessions",
    "Distinct sessions with at least one connected socket.",
  );
  readonly socketMessagesSent = this.counter(
    "pregao_socket_messages_sent_total",
    "Socket messages emitted to browsers, by event.",
    ["event"],
  );
  readonly updatesOffered = this.counter(
    "pregao_realtime_updates_offered_total",
    "Per-client updates offered to conflation (one per subscribed client per upstream change), by channel.",
    ["channel"],
  );
  readonly updatesSent = this.counter(
    "pregao_realtime_updates_sent_total",
    "Per-client updates actually sent after conflation, by channel. Conflation ratio = 1 - sent / offered.",
    ["channel"],
  );
  readonly tradesDropped = this.counter(
    "pregao_realtime_trades_dropped_total",
    "Trades dropped for slow clients whose buffer exceeded TRADE_BUFFER_CAP.",
  );
  readonly flushesSkipped = this.counter(
    "pregao_realtime_flushes_skipped_total",
    "Conflation flushes skipped because the client's transport had not drained (backpressure).",
  );
  readonly clientConflatedUpdates = this.histogram(
    "pregao_realtime_client_conflated_updates",
    "Per client, at disconnect: updates conflated away during the connection (distribution across clients).",
    [],
    [0, 10, 100, 1_000, 10_000, 100_000, 1_000_000],
  );
  readonly clientDroppedTrades = this.histogram(
    "pregao_realtime_client_dropped_trades",
    "Per client, at disconnect: trades dropped during the connection (distribution across clients).",
    [],
    [0, 1, 10, 100, 1_000, 10_000],
  );
  readonly emitLatency = this.histogram(
    "pregao_emit_latency_seconds",
    "Upstream receive to socket emit, per update, by channel (includes the conflation window).",
    ["channel"],
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5],
  );

  // --- HTTP and backend services ---
  readonly httpDuration = this.histogram(
    "pregao_http_request_duration_seconds",
    "BFF HTTP requests by method, route template and status code.",
    ["method", "route", "status"],
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  readonly serviceCallDuration = this.histogram(
    "pregao_service_call_duration_seconds",
    "Backend service calls (retries included) by service and outcome (ok, client_error, unavailable, circuit_open).",
    ["service", "outcome"],
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  readonly rateLimitRejections = this.counter(
    "pregao_rate_limit_rejections_total",
    "Requests and events refused by a rate limit, by limiter (login_ip, login_user, login_backstop, api, socket, socket_session, socket_user).",
    ["limiter"],
  );

  // --- socket abuse limits and the audit write path (realtime/socket-limits.ts, security/audit-queue.ts) ---
  readonly socketHandshakesRefused = this.counter(
    "pregao_socket_handshakes_refused_total",
    "Socket handshakes refused, by reason (origin, unauthenticated, session_expired, rate_limited, session_cap, user_cap, ip_cap, reused_connection, internal).",
    ["reason"],
  );
  readonly socketSubscriptionsRefused = this.counter(
    "pregao_socket_subscriptions_refused_total",
    "Subscribe events refused by a subscription cap, by scope (socket, session, user).",
    ["scope"],
  );
  readonly auditQueueDepth = this.gauge(
    "pregao_audit_queue_depth",
    "Audit records accepted and not yet handed to the audit file.",
  );
  readonly auditAggregated = this.counter(
    "pregao_audit_records_aggregated_total",
    "Audit records folded into an aggregate line (a repeat within the window, or the queue was full).",
  );
  // --- the database audit trail (audit/writer.ts): read from its counters at scrape time ---
  readonly auditStoreRows = this.counter(
    "pregao_audit_store_rows_total",
    "Audit rows by what happened to them: written (straight to the database), spooled (database away), replayed (from the spool).",
    ["result"],
  );
  readonly auditStoreDropped = this.counter(
    "pregao_audit_store_dropped_total",
    "Audit rows never stored in the database, by reason (queue_full, spool_full, spool_error, refused); the JSON line was written.",
    ["reason"],
  );
  readonly auditSpoolBytes = this.gauge(
    "pregao_audit_spool_bytes",
    "Bytes of audit rows in the spool waiting for the database (0 when it keeps up).",
  );
  readonly auditStoreSpooling = this.gauge(
    "pregao_audit_store_spooling",
    "1 while audit rows go to the spool instead of the database.",
  );

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.backupAge.set(-1); // until a backup probe has found one (an unset gauge would read 0: "just backed up")
    this.dbReplicaLag.set(-1); // no replica, or not probed yet (0 would read "fully caught up")
  }

  /** Prometheus text exposition. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
    return new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) {
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}

/** Sets an enum-as-labels gauge: 1 on `current`, 0 on every other state. */
export function setStateGauge<L extends string>(
  gauge: Gauge<L>,
  states: readonly string[],
  current: string,
  labels: Partial<Record<L, string>> = {},
  stateLabel = "state" as L,
): void {
  for (const s of states)
    gauge.set({ ...labels, [stateLabel]: s } as Record<L, string>, s === current ? 1 : 0);
}
