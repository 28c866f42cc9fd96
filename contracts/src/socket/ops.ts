import { z } from "zod";
import { healthStatusSchema } from "../http/instruments.ts";
import { breakerStateSchema, feedLinkSchema, feedStatusSchema } from "./events.ts";

/**
 * The dependencies the BFF checks (`/health/ready` and the ops health panel). `redis` is present only when REDIS_URL
 * is configured; `session-store` is Redis or memory; `backup` (the newest good backup's age) only when
 * BACKUP_MAX_AGE_HOURS is set.
 */
export const dependencyNameSchema = z.enum([
  "feed",
  "order-manager",
  "risk",
  "order-stream",
  "redis",
  "session-store",
  /** The database's primary (PostgreSQL or the embedded PGlite): down → saves refused, readiness degraded (warn). */
  "database",
  /** The read replica (only with DATABASE_READ_URL): down or lagging → reads on the primary, readiness warn. */
  "database-replica",
  "backup",
]);
export type DependencyName = z.infer<typeof dependencyNameSchema>;

/** A breaker as the ops panel shows it; `since` is when it last changed state (epoch ms). */
export const breakerViewSchema = z.object({
  state: breakerStateSchema,
  since: z.number(),
  lastError: z.string().nullable(),
});
export type BreakerView = z.infer<typeof breakerViewSchema>;

/** One dependency check, cached by the BFF (probes run in the background, never per request). */
export const dependencyCheckSchema = z.object({
  name: dependencyNameSchema,
  status: healthStatusSchema,
  /** Why, in words, when not `pass` (e.g. "no feed message for 12.0 s", "ECONNREFUSED"). */
  output: z.string().nullable(),
  /** When this check's result was produced (epoch ms). */
  checkedAt: z.number(),
  /** Round trip of the probe (ms); null when the check is not a probe or it failed before an answer. */
  latencyMs: z.number().nullable(),
  /** The BFF's breaker in front of this dependency; null when it has none. */
  breaker: breakerViewSchema.nullable(),
  /** Whether a failure of this dependency fails readiness (`/health/ready` 503) or only degrades it (warn). */
  critical: z.boolean(),
  /** Runbook for this dependency (a URL the browser can open); null when none applies. */
  runbook: z.string().nullable(),
});
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

/** Latency percentiles (ms) over the last minute; null before the first observation. */
export const latencyPercentilesSchema = z.object({
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p99: z.number().nullable(),
  count: z.number().int().nonnegative(),
});
export type LatencyPercentiles = z.infer<typeof latencyPercentilesSchema>;

/** One point of the ops history (one every OPS_SAMPLE_MS; the BFF keeps 15 minutes). */
export const opsSampleSchema = z.object({
  at: z.number(),
  /** Upstream feed messages per second over the sample interval. */
  feedMsgsPerS: z.number().nonnegative(),
  /** Age of the newest upstream message at sample time (ms); null before the first one. */
  dataAgeMs: z.number().nullable(),
  /** Upstream receive → socket emit latency (ms) over the sample interval. */
  emitP50Ms: z.number().nullable(),
  emitP99Ms: z.number().nullable(),
  /** Order-manager call duration p99 (ms) over the sample interval. */
  serviceP99Ms: z.number().nullable(),
  sockets: z.number().int().nonnegative(),
  /** Cumulative counts (the panel shows increases). */
  gaps: z.number().int().nonnegative(),
  resyncs: z.number().int().nonnegative(),
});
export type OpsSample = z.infer<typeof opsSampleSchema>;

/** Who is connected to one instance. */
export const connectedCountsSchema = z.object({
  sockets: z.number().int().nonnegative(),
  /** Distinct sessions with at least one socket. */
  sessions: z.number().int().nonnegative(),
  /** Distinct users holding the trader role with at least one socket. */
  traders: z.number().int().nonnegative(),
});
export type ConnectedCountsView = z.infer<typeof connectedCountsSchema>;

/** One BFF instance as the fleet view shows it (each instance publishes its own every OPS_PUSH_MS). */
export const fleetMemberSchema = z.object({
  instanceId: z.string().min(1).max(64),
  /** When the instance took this summary (its clock, epoch ms). */
  at: z.number(),
  /** Its readiness (`fail` while draining). */
  status: healthStatusSchema,
  draining: z.boolean(),
  feedLink: feedLinkSchema,
  feedMsgsPerS: z.number().nonnegative(),
  connected: connectedCountsSchema,
  /** Upstream receive → socket emit p99 over the last minute (ms). */
  emitP99Ms: z.number().nullable(),
});
export type FleetMember = z.infer<typeof fleetMemberSchema>;

/**
 * Every instance heard from in the last few push intervals, this one first, and their totals. `sessions` and
 * `traders` are sums over instances: a session whose tabs sit on two instances counts twice.
 */
export const fleetViewSchema = z.object({
  self: z.string(),
  members: z.array(fleetMemberSchema).max(64),
  totals: z.object({
    instances: z.number().int().nonnegative(),
    ready: z.number().int().nonnegative(),
    sockets: z.number().int().nonnegative(),
    sessions: z.number().int().nonnegative(),
    traders: z.number().int().nonnegative(),
    feedMsgsPerS: z.number().nonnegative(),
  }),
});
export type FleetView = z.infer<typeof fleetViewSchema>;

/** What the ops health panel shows, pushed every second to subscribed sockets. */
export const opsSnapshotSchema = z.object({
  at: z.number(),
  /** Readiness as `/health/ready` reports it, with the reasons it is not `pass`. */
  readiness: z.object({ status: healthStatusSchema, reasons: z.array(z.string()) }),
  checks: z.array(dependencyCheckSchema),
  feed: feedStatusSchema,
  counters: z.object({
    messagesTotal: z.number().int().nonnegative(),
    malformed: z.number().int().nonnegative(),
    gaps: z.number().int().nonnegative(),
    resyncs: z.number().int().nonnegative(),
    reconnects: z.number().int().nonnegative(),
  }),
  /** Feed messages per second over the last sample interval. */
  feedMsgsPerS: z.number().nonnegative(),
  connected: connectedCountsSchema,
  /** Every instance of the deployment (just this one without REDIS_URL). */
  fleet: fleetViewSchema,
  /** Upstream receive → socket emit (quotes/book/trades), last minute. */
  emitLatency: latencyPercentilesSchema,
  /** Backend service call duration by service, last minute. */
  serviceLatency: z.record(z.string(), latencyPercentilesSchema),
  /** Runbook for reading this panel. */
  panelRunbook: z.string(),
});
export type OpsSnapshot = z.infer<typeof opsSnapshotSchema>;

/** `ops:subscribe` ack: the current snapshot and the last 15 minutes of samples (oldest first). */
export const opsSubscribeResultSchema = z.object({
  snapshot: opsSnapshotSchema,
  history: z.array(opsSampleSchema),
});
export type OpsSubscribeResult = z.infer<typeof opsSubscribeResultSchema>;

/** `ops:updated`: the snapshot, plus the newest sample when one was taken since the last push. */
export const opsUpdateSchema = z.object({
  snapshot: opsSnapshotSchema,
  sample: opsSampleSchema.nullable(),
});
export type OpsUpdate = z.infer<typeof opsUpdateSchema>;

/** `connection:ping` ack: the server's clock, so the browser measures its own round trip. */
export const pingResultSchema = z.object({ serverTime: z.number() });
export type PingResult = z.infer<typeof pingResultSchema>;
