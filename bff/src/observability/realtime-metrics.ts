import { emptyCounters, type ConflationCounters, type ConflationMeter } from "../realtime/conflation.ts";
import { BatchedHistogram } from "./batched-histogram.ts";
import { cachedChildren } from "./feed-metrics.ts";
import type { LatencyWindow } from "./latency-window.ts";
import type { BffMetrics } from "./metrics.ts";

const channels = ["quotes", "trades", "book"] as const;
type Channel = (typeof channels)[number];

/** The conflators' meter plus `flush`, which moves the counts and latencies into Prometheus (call before exposing). */
export interface FlushableMeter extends ConflationMeter {
  flush(): void;
}

/** Per channel: which of the hub's counters is offered and which is sent. */
const counted: Record<Channel, { offered: keyof ConflationCounters; sent: keyof ConflationCounters }> = {
  quotes: { offered: "quotesOffered", sent: "quotesDelivered" },
  trades: { offered: "tradesOffered", sent: "tradesDelivered" },
  book: { offered: "booksOffered", sent: "booksDelivered" },
};

/**
 * Delivery metrics for the conflators. The counts (offered/sent per channel, dropped trades, skipped flushes) are
 * the conflators' own plain counters, read through the hub's totals at scrape time (`flush`) and added to the
 * Prometheus counters as the increase since the previous scrape — the feed metrics' pattern (feed-metrics.ts): nothing
 * runs per delivery but the counter increments themselves. The latency of every delivered update (100 000+ a second
 * in the bench) is a distribution, so it is observed per update, locally (a bucket search, no prom-client call), into
 * the histogram's batch and the ops panel's last-minute window; `flush` merges the batch.
 */
export function conflationMeter(metrics: BffMetrics, window: LatencyWindow): FlushableMeter {
  const children = <T>(make: (c: Channel) => T) =>
    Object.fromEntries(channels.map((c) => [c, make(c)])) as Record<Channel, T>;
  const offered = children((c) => metrics.updatesOffered.labels(c));
  const sent = children((c) => metrics.updatesSent.labels(c));
  const latency = children((c) => new BatchedHistogram(metrics.emitLatency, { channel: c }));
  let read: () => Readonly<ConflationCounters> = emptyCounters;
  let last: Readonly<ConflationCounters> = emptyCounters();
  const inc = (counter: { inc(n: number): void }, now: number, before: number) => {
    if (now > before) counter.inc(now - before);
  };
  return {
    latency: (c, ms, now) => {
      const v = ms < 0 ? 0 : ms;
      latency[c].observe(v / 1000);
      window.observe(v, now);
    },
    countFrom: (source) => {
      read = source;
      last = emptyCounters();
    },
    flush: () => {
      const now = read();
      for (const c of channels) {
        latency[c].flush();
        inc(offered[c], now[counted[c].offered], last[counted[c].offered]);
        inc(sent[c], now[counted[c].sent], last[counted[c].sent]);
      }
      inc(metrics.tradesDropped, now.tradesDropped, last.tradesDropped);
      inc(metrics.flushesSkipped, now.skippedFlushes, last.skippedFlushes);
      last = { ...now };
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
