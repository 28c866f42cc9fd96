/** Target memory at the points of a run (before clients, after each wave left) and growth across waves (no I/O). */

/** `process.memoryUsage()` of the target right after a forced full GC, in MB. */
export interface GcMemory {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export interface MemoryPoint {
  /** `before clients`, `after wave 1 left`, … */
  at: string;
  /** pidusage RSS, before the forced GC (what the "RSS" rows always meant). */
  rssMb: number;
  /** After a forced full GC; null when the inspector could not be reached. */
  gc: GcMemory | null;
  /** Sessions the target still holds (BFF: `conflation.clients` from /api/v1/stats; raw: `clients`). */
  clientsHeld: number | null;
}

export interface Growth {
  mb: number;
  pct: number;
}

export interface WaveGrowth {
  /** Compared points: the first and the last "after wave k left". */
  from: string;
  to: string;
  rss: Growth;
  heapUsed: Growth | null;
  /** True when RSS and heapUsed (after GC) grew by less than `tolerancePct` between the two points. */
  noGrowth: boolean;
  tolerancePct: number;
}

const growth = (a: number, b: number): Growth => ({
  mb: b - a,
  pct: a > 0 ? (100 * (b - a)) / a : Number.NaN,
});

/**
 * Growth from after the first wave left to after the last wave left. A leak grows with every wave (per-client state
 * kept after disconnect); memory V8 or the allocator merely retains after the first peak stays flat.
 */
export function growthAcrossWaves(points: readonly MemoryPoint[], tolerancePct = 10): WaveGrowth | null {
  const after = points.filter((p) => p.at.startsWith("after wave"));
  if (after.length < 2) return null;
  const first = after[0]!;
  const last = after[after.length - 1]!;
  const rss = growth(first.rssMb, last.rssMb);
  const heapUsed = first.gc && last.gc ? growth(first.gc.heapUsedMb, last.gc.heapUsedMb) : null;
  const within = (g: Growth | null) => g === null || (Number.isFinite(g.pct) && g.pct < tolerancePct);
  return {
    from: first.at,
    to: last.at,
    rss,
    heapUsed,
    noGrowth: within(rss) && within(heapUsed),
    tolerancePct,
  };
}
