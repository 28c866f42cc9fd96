import type { ConflationCounters, ConflationMeter } from "../realtime/conflation.ts";
import { cachedChildren } from "./feed-metrics.ts";
import type { LatencyWindow } from "./latency-window.ts";
import type { BffMetrics } from "./metrics.ts";

const channels = ["quotes", "trades", "book"] as const;
type Channel = (typeof channels)[number];

/**
 * Delivery metrics for the conflators: offered/sent per channel, dropped trades, skipped flushes, and the emit
 * latency of every delivered update into the Prometheus histogram and the ops panel's last-minute window.
 */
export function conflationMeter(metrics: BffMetrics, window: LatencyWindow): ConflationMeter {
  const children = <T>(make: (c: Channel) => T) =>
    Object.fromEntries(channels.map((c) => [c, make(c)])) as Record<Channel, T>;
  const offered = children((c) => metrics.updatesOffered.labels(c));
  const sent = children((c) => metrics.updatesSent.labels(c));
  const latency = children((c) => metrics.emitLatency.labels(c));
  return {
    offered: (c) => offered[c].inc(),
    sent: (c, n) => sent[c].inc(n),
    tradesDropped: (n) => metrics.tradesDropped.inc(n),
    flushSkipped: () => metrics.flushesSkipped.inc(),
    latency: (c, ms, now) => {
      const v = ms < 0 ? 0 : ms;
      latency[c].observe(v / 1000);
      window.observe(v, now);
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
