/**
 * A small HdrHistogram-like latency histogram: fixed log-linear buckets over integer microseconds, 128 sub-buckets per
 * power of two, so any recorded value is reported within < 0.8 % of its true value. Constant memory (one
 * Float64Array), O(1) record, mergeable, serialisable (sparse) for IPC.
 *
 * Bucket index for value v (µs): e = max(0, bitLength(v) − 8); index = e·128 + (v >> e). Values < 256 are exact.
 */
const SUB_BITS = 7;
const SUB = 1 << SUB_BITS; // 128
/** Largest exponent kept; values above ~2^40 µs (12 days) are clamped. */
const MAX_EXP = 33;
const SIZE = (MAX_EXP + 2) * SUB;
const MAX_VALUE_US = 2 ** (MAX_EXP + SUB_BITS + 1) - 1;

function bitLength(v: number): number {
  return v === 0 ? 0 : Math.floor(Math.log2(v)) + 1;
}

export function bucketIndex(us: number): number {
  const v = Math.min(Math.max(0, Math.round(us)), MAX_VALUE_US);
  const e = Math.max(0, bitLength(v) - (SUB_BITS + 1));
  // Math.log2 can be off by one at exact powers of two for large v; correct so that v >> e is in [128, 255].
  let exp = e;
  let m = Math.floor(v / 2 ** exp);
  if (exp > 0 && m < SUB) {
    exp--;
    m = Math.floor(v / 2 ** exp);
  } else if (m >= 2 * SUB) {
    exp++;
    m = Math.floor(v / 2 ** exp);
  }
  return exp * SUB + m;
}

/** Highest value (µs) that maps to bucket `index`. */
export function bucketUpper(index: number): number {
  if (index < 2 * SUB) return index;
  const exp = Math.floor(index / SUB) - 1;
  const m = index - exp * SUB;
  return (m + 1) * 2 ** exp - 1;
}

export interface LatencySummary {
  count: number;
  /** Milliseconds. */
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export interface SerializedHistogram {
  /** Sparse `[bucketIndex, count]` pairs. */
  buckets: [number, number][];
  count: number;
  sumUs: number;
  minUs: number;
  maxUs: number;
}

export class Histogram {
  private counts = new Float64Array(SIZE);
  count = 0;
  private sumUs = 0;
  private minUs = Number.POSITIVE_INFINITY;
  private maxUs = 0;

  /** Records one latency in milliseconds (fractional allowed; negative values clamp to 0). */
  recordMs(ms: number): void {
    this.recordUs(ms * 1000);
  }

  recordUs(us: number): void {
    const v = Math.min(Math.max(0, us), MAX_VALUE_US);
    this.counts[bucketIndex(v)]! += 1;
    this.count++;
    this.sumUs += v;
    if (v < this.minUs) this.minUs = v;
    if (v > this.maxUs) this.maxUs = v;
  }

  /** Value (ms) at percentile `p` (0–100): the highest value of the bucket holding that rank, capped at the max. */
  percentileMs(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, p)) / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < SIZE; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(Math.max(bucketUpper(i), this.minUs), this.maxUs) / 1000;
    }
    return this.maxUs / 1000;
  }

  merge(other: Histogram): this {
    for (let i = 0; i < SIZE; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sumUs += other.sumUs;
    this.minUs = Math.min(this.minUs, other.minUs);
    this.maxUs = Math.max(this.maxUs, other.maxUs);
    return this;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sumUs = 0;
    this.minUs = Number.POSITIVE_INFINITY;
    this.maxUs = 0;
  }

  summary(): LatencySummary {
    const empty = this.count === 0;
    return {
      count: this.count,
      min: empty ? Number.NaN : this.minUs / 1000,
      mean: empty ? Number.NaN : this.sumUs / this.count / 1000,
      p50: this.percentileMs(50),
      p90: this.percentileMs(90),
      p99: this.percentileMs(99),
      p999: this.percentileMs(99.9),
      max: empty ? Number.NaN : this.maxUs / 1000,
    };
  }

  serialize(): SerializedHistogram {
    const buckets: [number, number][] = [];
    for (let i = 0; i < SIZE; i++) if (this.counts[i]! > 0) buckets.push([i, this.counts[i]!]);
    return { buckets, count: this.count, sumUs: this.sumUs, minUs: this.minUs, maxUs: this.maxUs };
  }

  static deserialize(s: SerializedHistogram): Histogram {
    const h = new Histogram();
    for (const [i, c] of s.buckets) if (i >= 0 && i < SIZE) h.counts[i] = c;
    h.count = s.count;
    h.sumUs = s.sumUs;
    h.minUs = s.minUs ?? Number.POSITIVE_INFINITY;
    h.maxUs = s.maxUs;
    return h;
  }
}

/** Plain percentile over a list of numbers (nearest-rank); used for CPU/RSS samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
