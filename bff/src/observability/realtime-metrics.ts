import type { ConflationCounters, ConflationMeter } from "../realtime/conflation.ts";
import { BatchedHistogram } from "./batched-histogram.ts";
import { cachedChildren } from "./feed-metrics.ts";
import type { LatencyWindow } from "./latency-window.ts";
import type { BffMetrics } from "./metrics.ts";

const channels = ["quotes", "trades", "book"] as const;
type Channel = (typeof channels)[number];

/** The conflators' meter plus `flush`, which moves the per-offer counts into Prometheus (call before exposing). */
export interface FlushableMeter extends ConflationMeter {
  flush(): void;
}

/**
 * Delivery metrics for the conflators: offered/sent per channel, dropped trades, skipped flushes, and the emit
 * latency of every delivered update into the Prometheus histogram and the ops panel's last-minute window.
 * `offered` runs once per upstream change per subscribed client (≈2 million a second in the bench) and `latency` once
 * per delivered update (100 000+ a second), where even a cached prom-client child (100–350 ns: it validates and
 * hashes its labels per call) would cost a sizeable share of a core: both accumulate locally and `flush` (at scrape
 * time) moves the increase into Prometheus.
 */
export function conflationMeter(metrics: BffMetrics, window: LatencyWindow): FlushableMeter {
  const children = <T>(make: (c: Channel) => T) =>
    Object.fromEntries(channels.map((c) => [c, make(c)])) as Record<Channel, T>;
  const offeredCounter = children((c) => metrics.updatesOffered.labels(c));
  const pending: Record<Channel, number> = { quotes: 0, trades: 0, book: 0 };
  const sent = children((c) => metrics.updatesSent.labels(c));
  const latency = children((c) => new BatchedHistogram(metrics.emitLatency, { channel: c }));
  return {
    offered: (c) => void pending[c]++,
    sent: (c, n) => sent[c].inc(n),
    tradesDropped: (n) => metrics.tradesDropped.inc(n),
    flushSkipped: () => metrics.flushesSkipped.inc(),
    latency: (c, ms, now) => {
      const v = ms < 0 ? 0 : ms;
      latency[c].observe(v / 1000);
      window.observe(v, now);
    },
    flush: () => {
      for (const c of channels) {
        latency[c].flush();
        if (pending[c] > 0) offeredCounter[c].inc(pending[c]);
        pending[c] = 0;
      }
    },
  };
}

/** Per-client distributions, observed once when a client leaves. */
export function clientClosedMeter(metrics: BffMetrics): (c: Readonly<ConflationCounters>) => void {
  return (c) => {
    metrics.clientConflatedUpdates.observe(c.quotesConflated + c.booksConflated);
    metrics.clientDroppedTrades.observe(c.tradesDropped);
  };
}

/** Counts every message a socket is sent (direct or broadcast) by event name (a bounded enum). */
export function socketSentMeter(metrics: BffMetrics): (event: string) => void {
  const byEvent = cachedChildren(metrics.socketMessagesSent);
  return (event) => byEvent(event).inc();
}
