import { LogThrottle } from "../lib/log-throttle.ts";
import type { Logger } from "../lib/logger.ts";
import type { Violation, ViolationKind } from "./feed-validator.ts";

/**
 * Impossible upstream data, counted by kind (the source of `pregao_feed_violations_total{kind}`, flushed at scrape
 * time like the other feed counters) and logged sampled: a bridge repeating one bad value costs two lines per
 * asset and kind per window, whatever its rate.
 */
export class FeedViolations {
  private readonly counts = new Map<ViolationKind, number>();
  private readonly log: LogThrottle;

  constructor(logger: Logger, windowMs?: number) {
    this.log = new LogThrottle(logger, windowMs);
  }

  record(asset: string, messageType: string, v: Violation): void {
    this.counts.set(v.kind, (this.counts.get(v.kind) ?? 0) + 1);
    this.log.warn(
      `${asset}\u0000${v.kind}`,
      { asset, kind: v.kind, field: v.field, value: v.value, messageType },
      "impossible feed data dropped: resyncing asset",
    );
  }

  /** Violations so far, by kind (kinds never seen are absent). */
  snapshot(): Partial<Record<ViolationKind, number>> {
    return Object.fromEntries(this.counts);
  }

  total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  /** Writes the open summaries (shutdown). */
  flush(): void {
    this.log.flush();
  }
}
