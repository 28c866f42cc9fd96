import type { FeedServerMessageType } from "@pregao/contracts";

/** Live integrity figures the feed reports at read time (gauges, and counters kept by the pieces that own them). */
export interface IntegrityView {
  /** Request counts by `kind:outcome` (sent, replied, failed, timedOut, retried). */
  requests: Record<string, number>;
  /** Per-asset re-subscribes by reason (gap, outOfSync, silent). */
  resubscribes: Record<string, number>;
  /** Catalog refreshes by reason (connect, evidence, lookup, periodic). */
  catalogRefreshes: Record<string, number>;
  assetsPending: number;
  assetsRetrying: number;
  catalogIncomplete: boolean;
  /** Requests waiting for the upstream to take writes. */
  requestQueue: number;
  /** Requests awaiting their reply. */
  requestsInFlight: number;
  /** Bytes written to the upstream and not yet taken by its socket. */
  writeBufferedBytes: number;
}

/** Upstream counters, read by `/api/v1/stats` and the bench. */
export interface UpstreamStatsSnapshot {
  messages: Partial<Record<FeedServerMessageType, number>>;
  messagesTotal: number;
  malformed: number;
  gaps: number;
  resyncs: number;
  assetResyncs: number;
  reconnects: number;
  connectFailures: number;
  upstreamErrors: number;
  oversizeFrames: number;
  writeStalls: number;
  integrity: IntegrityView;
}

const emptyIntegrity = (): IntegrityView => ({
  requests: {},
  resubscribes: {},
  catalogRefreshes: {},
  assetsPending: 0,
  assetsRetrying: 0,
  catalogIncomplete: false,
  requestQueue: 0,
  requestsInFlight: 0,
  writeBufferedBytes: 0,
});

/** Counters shared by the upstream pieces (the Prometheus counters are flushed from them at scrape time). */
export class UpstreamStats {
  private readonly byType = new Map<FeedServerMessageType, number>();
  messagesTotal = 0;
  malformed = 0;
  gaps = 0;
  resyncs = 0;
  assetResyncs = 0;
  reconnects = 0;
  connectFailures = 0;
  upstreamErrors = 0;
  oversizeFrames = 0;
  writeStalls = 0;
  /** Set by the feed that owns the request tracker, the coalescer and the asset watch. */
  integrity: () => IntegrityView = emptyIntegrity;

  message(type: FeedServerMessageType): void {
    this.messagesTotal++;
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
  }

  malformedFrame(): void {
    this.malformed++;
  }

  gap(): void {
    this.gaps++;
  }

  resync(scope: "link" | "asset"): void {
    if (scope === "link") this.resyncs++;
    else this.assetResyncs++;
  }

  reconnect(): void {
    this.reconnects++;
  }

  connectFailure(): void {
    this.connectFailures++;
  }

  snapshot(): UpstreamStatsSnapshot {
    return {
      messages: Object.fromEntries(this.byType),
      messagesTotal: this.messagesTotal,
      malformed: this.malformed,
      gaps: this.gaps,
      resyncs: this.resyncs,
      assetResyncs: this.assetResyncs,
      reconnects: this.reconnects,
      connectFailures: this.connectFailures,
      upstreamErrors: this.upstreamErrors,
      oversizeFrames: this.oversizeFrames,
      writeStalls: this.writeStalls,
      integrity: this.integrity(),
    };
  }
}
