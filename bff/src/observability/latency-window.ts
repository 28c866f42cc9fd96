import type { LatencyPercentiles } from "@pregao/contracts";

/**
 * Latencies of the last `seconds` seconds in one reservoir per second (at most `perSecond` values each, reservoir
 * sampling beyond), so memory is fixed (seconds × perSecond doubles) however much traffic flows. `count` is exact.
 */
export class LatencyWindow {
  private readonly values: Float64Array[];
  private readonly kept: Int32Array;
  private readonly seen: Float64Array;
  private readonly second: Float64Array;

  constructor(
    readonly seconds = 60,
    readonly perSecond = 256,
  ) {
    this.values = Array.from({ length: seconds }, () => new Float64Array(perSecond));
    this.kept = new Int32Array(seconds);
    this.seen = new Float64Array(seconds);
    this.second = new Float64Array(seconds).fill(-1);
  }

  /** Records one latency (ms) observed at `now` (epoch ms). */
  observe(ms: number, now = Date.now()): void {
    const sec = Math.floor(now / 1000);
    const i = sec % this.seconds;
    if (this.second[i] !== sec) {
      this.second[i] = sec;
      this.kept[i] = 0;
      this.seen[i] = 0;
    }
    const seen = ++this.seen[i]!;
    const kept = this.kept[i]!;
    if (kept < this.perSecond) {
      this.values[i]![kept] = ms;
      this.kept[i] = kept + 1;
    } else {
      const j = Math.floor(Math.random() * seen);
      if (j < this.perSecond) this.values[i]![j] = ms;
    }
  }

  /** p50/p90/p99 (nearest rank) over the last `overS` seconds (current second included). */
  percentiles(overS = this.seconds, now = Date.now()): LatencyPercentiles {
    const sec = Math.floor(now / 1000);
    const from = sec - Math.min(overS, this.seconds) + 1;
    const parts: Float64Array[] = [];
    let count = 0;
    for (let i = 0; i < this.seconds; i++) {
      const s = this.second[i]!;
      if (s < from || s > sec) continue;
      count += this.seen[i]!;
      parts.push(this.values[i]!.subarray(0, this.kept[i]));
    }
    const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    all.sort();
    const rank = (q: number) =>
      all.length === 0 ? null : round(all[Math.min(all.length - 1, Math.ceil(q * all.length) - 1)]!);
    return { p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), count };
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
