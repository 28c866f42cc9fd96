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
    };
  }
}
