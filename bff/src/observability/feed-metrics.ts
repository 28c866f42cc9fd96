import type { UpstreamStatsSnapshot } from "../upstream/stats.ts";
import type { BffMetrics } from "./metrics.ts";

interface Inc {
  inc(n?: number): void;
}

/** Per-label-value children of one counter, created on first use (label values are a bounded enum). */
export function cachedChildren(counter: { labels(...values: string[]): Inc }): (value: string) => Inc {
  const children = new Map<string, Inc>();
  return (value) => {
    let child = children.get(value);
    if (!child) children.set(value, (child = counter.labels(value)));
    return child;
  };
}

/**
 * The upstream counters' Prometheus side. The feed already counts every event (upstream/stats.ts, also read by
 * `/api/v1/stats`, the bench and the ops panel), so nothing runs per message here: `flush` (at scrape time) adds to
 * each counter what the feed counted since the previous flush.
 */
export function feedMetricsFlush(
  metrics: BffMetrics,
  read: () => UpstreamStatsSnapshot,
  /** Impossible-data refusals by kind (upstream/feed-violations.ts). */
  readViolations: () => Partial<Record<string, number>> = () => ({}),
): () => void {
  const byType = cachedChildren(metrics.feedMessages);
  const byKind = cachedChildren(metrics.feedViolations);
  let lastViolations: Partial<Record<string, number>> = {};
  const counters: Array<[Inc, (s: UpstreamStatsSnapshot) => number]> = [
    [metrics.feedMalformed, (s) => s.malformed],
    [metrics.feedGaps, (s) => s.gaps],
    [metrics.feedResyncs.labels("link"), (s) => s.resyncs],
    [metrics.feedResyncs.labels("asset"), (s) => s.assetResyncs],
    [metrics.feedReconnects, (s) => s.reconnects],
    [metrics.feedConnectFailures, (s) => s.connectFailures],
  ];
  let last: UpstreamStatsSnapshot | null = null;
  return () => {
    const now = read();
    const delta = (a: number, b: number | undefined) => a - (b ?? 0);
    for (const [counter, pick] of counters) {
      const d = delta(pick(now), last ? pick(last) : 0);
      if (d > 0) counter.inc(d);
    }
    for (const [type, n] of Object.entries(now.messages)) {
      const d = delta(n, last?.messages[type as keyof UpstreamStatsSnapshot["messages"]]);
      if (d > 0) byType(type).inc(d);
    }
    last = now;
    const violations = readViolations();
    for (const [kind, n = 0] of Object.entries(violations)) {
      const d = n - (lastViolations[kind] ?? 0);
      if (d > 0) byKind(kind).inc(d);
    }
    lastViolations = violations;
  };
}
