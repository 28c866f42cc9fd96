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

/** Moves the audit sink's queue depth and aggregated count into Prometheus (call before exposing). */
export function auditMetricsFlush(
  metrics: BffMetrics,
  stats: () => { depth: number; aggregated: number },
): () => void {
  let last = 0;
  return () => {
    const s = stats();
    metrics.auditQueueDepth.set(s.depth);
    if (s.aggregated > last) metrics.auditAggregated.inc(s.aggregated - last);
    last = s.aggregated;
  };
}
