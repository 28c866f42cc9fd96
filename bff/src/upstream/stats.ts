import type { FeedServerMessageType } from "@pregao/contracts";

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
}

/**
 * Where upstream events go besides the in-process counters (the Prometheus metrics, observability/feed-metrics.ts).
 * Called on the feed's hot path: implementations must be cheap (cached label children, no allocation).
 */
export interface UpstreamStatsSink {
  message(type: FeedServerMessageType): void;
  malformed(): void;
  gap(): void;
  /** `link`: every held asset re-subscribed (gap, reconnect); `asset`: one asset's book out of sync. */
  resync(scope: "link" | "asset"): void;
  reconnect(): void;
  connectFailure(): void;
}

/** Counters shared by the upstream pieces; every event is also forwarded to the optional sink. */
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

  constructor(private readonly sink?: UpstreamStatsSink) {}

  message(type: FeedServerMessageType): void {
    this.messagesTotal++;
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    this.sink?.message(type);
  }

  malformedFrame(): void {
    this.malformed++;
    this.sink?.malformed();
  }

  gap(): void {
    this.gaps++;
    this.sink?.gap();
  }

  resync(scope: "link" | "asset"): void {
    if (scope === "link") this.resyncs++;
    else this.assetResyncs++;
    this.sink?.resync(scope);
  }

  reconnect(): void {
    this.reconnects++;
    this.sink?.reconnect();
  }

  connectFailure(): void {
    this.connectFailures++;
    this.sink?.connectFailure();
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
    };
  }
}
