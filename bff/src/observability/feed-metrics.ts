import type { FeedServerMessageType } from "@pregao/contracts";
import type { UpstreamStatsSink } from "../upstream/stats.ts";
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

/** The upstream counters' Prometheus side: every feed event increments its counter where it happens. */
export function feedMetricsSink(metrics: BffMetrics): UpstreamStatsSink {
  const byType = cachedChildren(metrics.feedMessages);
  const linkResync = metrics.feedResyncs.labels("link");
  const assetResync = metrics.feedResyncs.labels("asset");
  return {
    message: (type: FeedServerMessageType) => byType(type).inc(),
    malformed: () => metrics.feedMalformed.inc(),
    gap: () => metrics.feedGaps.inc(),
    resync: (scope) => (scope === "link" ? linkResync : assetResync).inc(),
    reconnect: () => metrics.feedReconnects.inc(),
    connectFailure: () => metrics.feedConnectFailures.inc(),
  };
}
