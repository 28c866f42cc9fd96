import type { LatencyPercentiles } from "@pregao/contracts";

/** What the window reads of a prom-client histogram (`Histogram.get()`). */
export interface HistogramSource {
  get(): Promise<{
    values: Array<{
      labels: Record<string, string | number | undefined>;
      value: number;
      metricName?: string;
    }>;
  }>;
}

/** Cumulative bucket counts per group (label value), `le` ascending, +Inf last. */
type Buckets = Map<string, { le: number[]; counts: number[] }>;

interface Snapshot {
  at: number;
  buckets: Buckets;
}

/**
 * Percentiles of a Prometheus histogram over a recent interval, the way `histogram_quantile(rate(...))` computes
 * them: cumulative bucket counts are snapshotted (`snap`, e.g. every ops sample) and the difference between two
 * snapshots is interpolated linearly inside the bucket. Memory: `keepMs / sample period` snapshots.
 */
export class HistogramWindow {
  private readonly snaps: Snapshot[] = [];

  constructor(
    private readonly source: HistogramSource,
    private readonly groupBy: string,
    private readonly keepMs = 60_000,
  ) {}

  /** Records the histogram's current cumulative counts. */
  async snap(now = Date.now()): Promise<void> {
    const buckets: Buckets = new Map();
    for (const v of (await this.source.get()).values) {
      if (!v.metricName?.endsWith("_bucket")) continue;
      const group = String(v.labels[this.groupBy] ?? "");
      const le = v.labels.le === "+Inf" ? Infinity : Number(v.labels.le);
      const g = buckets.get(group) ?? { le: [], counts: [] };
      const i = g.le.indexOf(le);
      if (i >= 0) g.counts[i]! += v.value;
      else {
        g.le.push(le);
        g.counts.push(v.value);
      }
      buckets.set(group, g);
    }
    for (const g of buckets.values()) {
      const order = g.le.map((_, i) => i).sort((a, b) => g.le[a]! - g.le[b]!);
      g.le = order.map((i) => g.le[i]!);
      g.counts = order.map((i) => g.counts[i]!);
    }
    this.snaps.push({ at: now, buckets });
    while (this.snaps.length > 2 && this.snaps[1]!.at <= now - this.keepMs) this.snaps.shift();
  }

  /** Percentiles (ms) per group between the newest snapshot and the oldest one at most `overMs` older. */
  percentiles(overMs = this.keepMs): Record<string, LatencyPercentiles> {
    const last = this.snaps.at(-1);
    if (!last) return {};
    const first = this.snaps.find((s) => s.at >= last.at - overMs && s !== last) ?? null;
    const out: Record<string, LatencyPercentiles> = {};
    for (const [group, g] of last.buckets) {
      const base = first?.buckets.get(group);
      const counts = g.counts.map((c, i) => c - (base?.counts[i] ?? 0));
      out[group] = quantiles(g.le, counts);
    }
    return out;
  }
}

/** histogram_quantile over cumulative `counts` (ms results; le in seconds). */
export function quantiles(le: number[], counts: number[]): LatencyPercentiles {
  const total = counts.at(-1) ?? 0;
  const q = (p: number): number | null => {
    if (total <= 0) return null;
    const rank = p * total;
    const i = counts.findIndex((c) => c >= rank);
    const upper = le[i]!;
    const lower = i === 0 ? 0 : le[i - 1]!;
    if (upper === Infinity) return Math.round(lower * 1000 * 100) / 100;
    const below = i === 0 ? 0 : counts[i - 1]!;
    const inBucket = counts[i]! - below;
    const frac = inBucket > 0 ? (rank - below) / inBucket : 1;
    return Math.round((lower + (upper - lower) * frac) * 1000 * 100) / 100;
  };
  return { p50: q(0.5), p90: q(0.9), p99: q(0.99), count: Math.max(0, total) };
}
