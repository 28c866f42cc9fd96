import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { perimeterConfigShape } from "./security/config.ts";
import { parseTrustedProxies } from "./security/client-address.ts";
import { socketLimitsConfigShape } from "./security/socket-config.ts";
import { feedIntegrityConfigShape } from "./upstream/feed-config.ts";
import { oidcConfigShape, parseOidcSettings } from "./session/oidc/config.ts";
import { barsConfigShape } from "./bars/config.ts";
import { workspaceConfigShape } from "./workspace/config.ts";
import { databaseConfigShape } from "./db/config.ts";
import { usersConfigIssues, usersConfigShape } from "./identity/config.ts";
import { backupConfigShape } from "./backup/config.ts";
import { auditTrailConfigShape } from "./audit/config.ts";

function validTrustedProxies(raw: string): boolean {
  try {
    parseTrustedProxies(raw);
    return true;
  } catch {
    return false;
  }
}

const num = (def: number) => z.coerce.number().int().nonnegative().default(def);
const defaultWebDist = fileURLToPath(new URL("../../web/dist", import.meta.url));
const defaultKeysDir = fileURLToPath(new URL("../data/keys", import.meta.url));
const defaultRunbooksDir = fileURLToPath(new URL("../../docs/runbooks", import.meta.url));

/** Every setting the BFF reads, with its default. Keys are the environment variable names. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: num(9080),
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  FEED_URL: z.url({ protocol: /^wss?$/ }).default("ws://127.0.0.1:9001/feed/v1"),
  /** Static bearer for the feed (a bridge that only knows a shared secret). Unset → a fresh `market-data` service token per connect. */
  FEED_TOKEN: z.string().min(1).optional(),
  /** Quote/book conflation interval per client (50 ms → ≤ 20 updates/s per asset). */
  CONFLATION_MS: num(50).pipe(z.number().min(5)),
  /** Clients are flushed in this many groups on staggered ticks, each still once per CONFLATION_MS (1: all on one tick). */
  FLUSH_GROUPS: num(5).pipe(z.number().int().min(1).max(10)),
  /** No upstream message for this long → link `stale`: 1.5 heartbeats, so the UI can say so within 2 s. */
  FEED_STALE_MS: num(1500),
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
  /** An upstream exchange time further ahead of the BFF's clock than this is impossible: the message is dropped and the asset resynced. */
  FEED_MAX_CLOCK_SKEW_MS: num(300_000),
  // --- Feed integrity: request replies, silent assets, catalog refresh, frame/write bounds (upstream/feed-config.ts) ---
  ...feedIntegrityConfigShape,
  /** Pending trades per client above which the oldest are dropped (slow client). */
  TRADE_BUFFER_CAP: num(5000).pipe(z.number().min(1)),
  WEB_DIST: z.string().default(defaultWebDist),

  // --- Metrics, health probes, ops stream, runbooks (observability/) ---
  /** Port of the separate Prometheus listener (`GET /metrics`); 0 → ephemeral (tests). */
  METRICS_PORT: num(9464).pipe(z.number().max(65_535)),
  /** Interface the metrics listener binds; loopback by default (scrape from the host or a sidecar). */
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** When set, `/metrics` requires `Authorization: Bearer <it>` (401 otherwise). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Period of the background dependency probes behind `/health/ready` (order manager, risk, Redis, sessions). */
  HEALTH_PROBE_MS: num(5000).pipe(z.number().min(100)),
  /** Timeout of one dependency probe. */
  HEALTH_PROBE_TIMEOUT_MS: num(1000).pipe(z.number().min(10)),
  /** Period of `ops:updated` to sockets in the ops room (nothing is built while the room is empty). */
  OPS_PUSH_MS: num(1000).pipe(z.number().min(50)),
  /** Period of the ops history samples (15 minutes are kept). */
  OPS_SAMPLE_MS: num(5000).pipe(z.number().min(100)),
  /** Base URL of the runbooks that health checks link to (`<base>/<name>#<section>`). */
  RUNBOOK_BASE_URL: z.string().min(1).default("/runbooks"),
  /** Directory of the runbook Markdown files served at `/runbooks/<name>`. */
  RUNBOOKS_DIR: z.string().min(1).default(defaultRunbooksDir),

  // --- Tracing (@pregao/telemetry startTracing, called by index.ts): spans are exported only when an OTLP endpoint is set ---
  /** OTLP/HTTP base URL (e.g. http://otel-collector:4318); traces are POSTed to `<it>/v1/traces`. Unset → no export. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Full OTLP/HTTP traces URL; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The build's git SHA: `service.version` of the spans (else the package version). */
  GIT_SHA: z.string().min(1).optional(),

  // --- Browser error reporting (routes/client-config/): served to the SPA at runtime, never baked into the bundle ---
  /** Sentry DSN for the SPA. Unset → the SPA reports nothing and never downloads the SDK. Its origin joins CSP connect-src. */
  WEB_SENTRY_DSN: z.url({ protocol: /^https?$/ }).optional(),
  /** Sentry `environment` of browser events; default NODE_ENV. */
  WEB_SENTRY_ENVIRONMENT: z.string().min(1).optional(),
  /** Fraction of browser sessions whose errors are sent (0–1). */
  WEB_SENTRY_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(1),
  /** The browser greys an asset's quote, book and tape when the BFF has not refreshed it for this long (client-config). */
  WEB_DATA_STALE_AFTER_MS: num(5000).pipe(z.number().min(1)),

  // --- Backend services and service tokens (services/) ---
  /** Order manager base URL (`/api/orders*`, WS `/api/stream`). */
  ORDER_MANAGER_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:3205"),
  /** Risk service base URL (`/api/risk*`); defaults to ORDER_MANAGER_URL. */
  RISK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Per-attempt timeout of a backend call. */
  SERVICE_TIMEOUT_MS: num(2000).pipe(z.number().min(10)),
  /** Consecutive failures (transport errors, timeouts, 5xx) that open a service's breaker. */
  SERVICE_BREAKER_THRESHOLD: num(5).pipe(z.number().min(1)),
  /** Open → half-open (one probe) after this long. */
  SERVICE_BREAKER_COOLDOWN_MS: num(5000).pipe(z.number().min(10)),
  /** Retries of an idempotent call after a transient failure (jittered exponential backoff). */
  SERVICE_RETRIES: num(2).pipe(z.number().max(5)),
  /** Private signing keys (`<kid>.json`, 0600); a first key is generated when empty. */
  SERVICE_KEYS_DIR: z.string().min(1).default(defaultKeysDir),
  /** A rotated-in key is published this long before it signs (services' JWKS caches see it first). */
  SERVICE_KEY_PUBLISH_LEAD_S: num(60),
  /** Reload the key directory this often (also on SIGHUP). */
  SERVICE_KEYS_RELOAD_MS: num(30_000),
  /** Service-token lifetime (exp − iat), at most 60 s. */
  SERVICE_TOKEN_TTL_S: num(30).pipe(z.number().min(1).max(60)),

  // --- Identity and sessions (session core) ---
  /** "1"/"true": seed the documented demo users (trader, risk, viewer) in memory. Refused in production. */
  PREGAO_DEMO: z
    .union([z.boolean(), z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true")])
    .default(false),
  // USERS_STORE (file | postgres) and USERS_FILE: where local users live (identity/config.ts)
  ...usersConfigShape,
  /** Idle timeout: a session unused for this long ends. */
  SESSION_IDLE_MS: num(1_800_000).pipe(z.number().min(1000)),
  /** Absolute timeout: a session ends this long after login however active. */
  SESSION_ABSOLUTE_MS: num(28_800_000).pipe(z.number().min(1000)),
  /** How often live sockets re-check their session (logout on another instance, expiry). */
  SESSION_REVALIDATE_MS: num(5000).pipe(z.number().min(10)),
  /** Unset → sessions (and rate limits) in memory; set → shared in Redis. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prefix of every Redis key the BFF writes (`<prefix>sess:<sha256>`). */
  REDIS_KEY_PREFIX: z.string().min(1).default("pregao:"),
  /** Comma list of browser origins allowed to open sockets (and make state-changing requests); see allowedOrigins(). */
  ALLOWED_ORIGINS: z.string().optional(),
  /** The origin users reach the BFF at behind a proxy (e.g. https://pregao.example); added to the allowlist. */
  PUBLIC_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  /** Comma list of proxy IPs/CIDRs (or `loopback`, `linklocal`, `uniquelocal`) whose X-Forwarded-For is believed; empty → the TCP peer. */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .refine(
      (v) => validTrustedProxies(v),
      "not a comma list of IPs, CIDRs or loopback/linklocal/uniquelocal",
    ),
  /** This instance's name: the gateway's polling-stickiness cookie (`pregao_node`), logs. Default `<hostname>-<pid>`. */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .default(() => `${hostname()}-${process.pid}`),
  /**
   * Graceful drain on SIGTERM (docs/deployment.md): connected clients are told to reconnect at random moments within
   * DRAIN_SPREAD_MS; the whole drain (sockets gone, in-flight HTTP requests answered) is bounded by DRAIN_TIMEOUT_MS,
   * after which the BFF closes anyway.
   */
  DRAIN_SPREAD_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),

  // --- Perimeter (security/): CSP extra, body limit, rate limits, audit log; see security/config.ts ---
  ...perimeterConfigShape,

  // --- Socket caps, per-session/user socket budgets, audit queue (security/socket-config.ts) ---
  ...socketLimitsConfigShape,

  // --- OpenID Connect login (session/oidc/): OIDC_ISSUER unset → off; see session/oidc/config.ts ---
  ...oidcConfigShape,

  // --- OHLCV bars for the chart (bars/): aggregator cap, bars per aggregator, idle eviction; see bars/config.ts ---
  ...barsConfigShape,

  // --- The one database (db/): DATABASE_URL → PostgreSQL (+ DATABASE_READ_URL replica), else PGlite in WORKSPACE_DATA_DIR ---
  ...databaseConfigShape,

  // --- Per-user workspaces (workspace/): the PUT body cap ---
  ...workspaceConfigShape,

  // --- Backups (backup/): pnpm db:backup / db:restore, the `backup` age check; see backup/config.ts ---
  ...backupConfigShape,

  // --- The audit trail in the database (audit/): AUDIT_STORE, spool, bounds, retention; see audit/config.ts ---
  ...auditTrailConfigShape,
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
  const config = result.data;
  if (config.NODE_ENV === "production" && config.PREGAO_DEMO)
    throw new ConfigError(["PREGAO_DEMO: demo users are refused when NODE_ENV=production"]);
  const oidcIssues = parseOidcSettings(config).issues; // OIDC cross-field checks (client id, https issuer)
  if (oidcIssues.length > 0) throw new ConfigError(oidcIssues);
  const usersIssues = usersConfigIssues(config); // USERS_STORE=postgres needs DATABASE_URL
  if (usersIssues.length > 0) throw new ConfigError(usersIssues);
  return config;
}

/**
 * Browser origins trusted for sockets and state-changing requests: ALLOWED_ORIGINS when set, else the BFF itself and
 * the Vite dev server on 127.0.0.1/localhost; PUBLIC_ORIGIN is always added. `port` is the bound port (PORT may be 0).
 */
export function allowedOrigins(config: Config, port: number): string[] {
  const list = config.ALLOWED_ORIGINS
    ? config.ALLOWED_ORIGINS.split(",")
        .map((o) => o.trim())
        .filter(Boolean)
    : [port, 5173].flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);
  if (config.PUBLIC_ORIGIN) list.push(new URL(config.PUBLIC_ORIGIN).origin);
  return [...new Set(list)];
}

/** True when the built SPA exists and should be served. */
export function hasWebDist(config: Config): boolean {
  return existsSync(config.WEB_DIST);
}
