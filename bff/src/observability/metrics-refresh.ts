import type { BreakerState, FeedStatus } from "@pregao/contracts";
import { profitDllTypes } from "./health-checks.ts";
import { setStateGauge, type BffMetrics } from "./metrics.ts";

/** What the collect-time gauges read; each is cheap (no I/O). */
export interface MetricsSources {
  feedStatus(): FeedStatus;
  /** Backend breakers (services.status()). */
  services?: () => { services: Array<{ service: string; state: BreakerState }> };
  /** Updates the readiness and dependency gauges (HealthMonitor.readiness). */
  readiness?: () => unknown;
  connected?: () => { sockets: number; sessions: number };
}

const linkStates = ["connecting", "live", "stale", "down"] as const;
const breakerStates = ["closed", "open", "halfOpen"] as const;

/**
 * Sets the gauges that describe state rather than events — data age, link state, ProfitDLL states, breakers,
 * dependency health, readiness, sockets — right before an exposition, so no timer runs for them.
 */
export function refreshMetrics(metrics: BffMetrics, src: MetricsSources, now = Date.now()): void {
  const feed = src.feedStatus();
  metrics.feedDataAge.set(feed.lastMessageAt === null ? -1 : Math.max(0, now - feed.lastMessageAt) / 1000);
  setStateGauge(metrics.feedLinkState, linkStates, feed.link.state);
  for (const type of profitDllTypes) metrics.profitDllState.labels(type).set(feed.profitDll[type] ?? -1);
  setStateGauge(metrics.breakerState, breakerStates, feed.breaker.state, { dependency: "feed" });
  for (const s of src.services?.().services ?? [])
    setStateGauge(metrics.breakerState, breakerStates, s.state, { dependency: s.service });
  src.readiness?.();
  const c = src.connected?.();
  if (c) {
    metrics.sockets.set(c.sockets);
    metrics.sessions.set(c.sessions);
  }
}
