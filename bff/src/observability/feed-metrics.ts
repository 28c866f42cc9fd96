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

/** Children of a two-label counter keyed `a:b` (the request tracker's `kind:outcome`). */
function keyedChildren(counter: { labels(...values: string[]): Inc }): (key: string) => Inc {
  const byKey = cachedChildren({ labels: (key: string) => counter.labels(...key.split(":")) });
  return byKey;
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
    [metrics.feedOversizeFrames, (s) => s.oversizeFrames],
    [metrics.feedWriteStalls, (s) => s.writeStalls],
  ];
  const labelled: Array<[(key: string) => Inc, (s: UpstreamStatsSnapshot) => Record<string, number>]> = [
    [keyedChildren(metrics.feedRequests), (s) => s.integrity.requests],
    [cachedChildren(metrics.feedAssetResubscribes), (s) => s.integrity.resubscribes],
    [cachedChildren(metrics.feedCatalogRefreshes), (s) => s.integrity.catalogRefreshes],
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
    for (const [child, pick] of labelled) {
      const before = last ? pick(last) : {};
      for (const [key, n] of Object.entries(pick(now))) {
        const d = delta(n, before[key]);
        if (d > 0) child(key).inc(d);
      }
    }
    const i = now.integrity;
    metrics.feedAssetsWithoutData.labels("pending").set(i.assetsPending);
    metrics.feedAssetsWithoutData.labels("retrying").set(i.assetsRetrying);
    metrics.feedCatalogIncomplete.set(i.catalogIncomplete ? 1 : 0);
    metrics.feedRequestQueue.set(i.requestQueue);
    metrics.feedWriteBuffered.set(i.writeBufferedBytes);
    last = now;
    const violations = readViolations();
    for (const [kind, n = 0] of Object.entries(violations)) {
      const d = n - (lastViolations[kind] ?? 0);
      if (d > 0) byKind(kind).inc(d);
    }
    lastViolations = violations;
  };
}
