import type { RealtimeLimits } from "../realtime/socket-limits.ts";
import { cachedChildren } from "./feed-metrics.ts";
import type { BffMetrics } from "./metrics.ts";

/** The socket limits' refusal hooks → counters (every label is a bounded enum: reason, scope, limiter). */
export function socketLimitObservers(
  metrics: BffMetrics,
): Pick<RealtimeLimits, "onHandshakeRefused" | "onSubscriptionRefused" | "onEventLimited"> {
  const refused = cachedChildren(metrics.socketHandshakesRefused);
  const subs = cachedChildren(metrics.socketSubscriptionsRefused);
  const limited = cachedChildren(metrics.rateLimitRejections);
  return {
    onHandshakeRefused: (reason) => refused(reason).inc(),
    onSubscriptionRefused: (scope) => subs(scope).inc(),
    onEventLimited: (scope) => limited(scope === "socket" ? "socket" : `socket_${scope}`).inc(),
  };
}

/** The database trail's counters as the sink reports them (security/audit.ts AuditStoreStats). */
interface StoreStats {
  mode: string;
  spoolBytes: number;
  written: number;
  spooled: number;
  replayed: number;
  dropped: Record<string, number>;
}

/** Moves the audit sink's queue depth, aggregated count and the database trail's counters into Prometheus. */
export function auditMetricsFlush(
  metrics: BffMetrics,
  stats: () => { depth: number; aggregated: number; store?: StoreStats },
): () => void {
  let last = 0;
  const seen = new Map<string, number>();
  /** Adds the growth of a running total since the last scrape. */
  const grow = (key: string, total: number, inc: (n: number) => void) => {
    const prev = seen.get(key) ?? 0;
    if (total > prev) inc(total - prev);
    seen.set(key, total);
  };
  return () => {
    const s = stats();
    metrics.auditQueueDepth.set(s.depth);
    if (s.aggregated > last) metrics.auditAggregated.inc(s.aggregated - last);
    last = s.aggregated;
    const store = s.store;
    if (!store) return;
    metrics.auditSpoolBytes.set(store.spoolBytes);
    metrics.auditStoreSpooling.set(store.mode === "spooling" ? 1 : 0);
    for (const result of ["written", "spooled", "replayed"] as const)
      grow(result, store[result], (n) => metrics.auditStoreRows.labels(result).inc(n));
    for (const [reason, total] of Object.entries(store.dropped))
      grow(`dropped:${reason}`, total, (n) => metrics.auditStoreDropped.labels(reason).inc(n));
  };
}
