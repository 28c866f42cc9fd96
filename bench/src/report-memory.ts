/** The memory rows of the report (RSS, heap after a forced GC, growth across waves) and their plain-language note. */
import type { MemoryPoint } from "./memory.ts";
import type { TargetResult } from "./results.ts";
import { fmt } from "./format.ts";

type Cell = (f: (t: TargetResult) => string) => string[];
type Ratio = (n: number | null | undefined) => string;

const signed = (n: number, digits = 1) => `${n >= 0 ? "+" : ""}${fmt(n, digits)}`;
const series = (t: TargetResult, f: (p: MemoryPoint) => number | null | undefined) =>
  t.memory?.length ? t.memory.map((p) => fmt(f(p), 1)).join(" / ") : "n/a";

export function memoryRows(cell: Cell, x: Ratio, rssPeakRatio: number | null | undefined): string[][] {
  return [
    ["target RSS before clients (MB)", ...cell((t) => fmt(t.rssMb.beforeClients, 1)), ""],
    ["target RSS peak, all waves (MB)", ...cell((t) => fmt(t.rssMb.peak, 1)), x(rssPeakRatio)],
    [
      "target RSS +5 s after clients left (MB, Δ vs before)",
      ...cell((t) => `${fmt(t.rssMb.afterClientsLeft, 1)} (${signed(t.rssMb.growth)})`),
      "",
    ],
    ["RSS: before / after each wave left (MB)", ...cell((t) => series(t, (p) => p.rssMb)), ""],
    [
      "RSS right after a forced full GC: before / after each wave (MB)",
      ...cell((t) => series(t, (p) => p.gc?.rssMb)),
      "",
    ],
    [
      "V8 heapUsed after forced GC: before / after each wave (MB)",
      ...cell((t) => series(t, (p) => p.gc?.heapUsedMb)),
      "",
    ],
    [
      "external + arrayBuffers after GC: before / after each wave (MB)",
      ...cell((t) => series(t, (p) => (p.gc ? p.gc.externalMb + p.gc.arrayBuffersMb : null))),
      "",
    ],
    ["sessions held by the target: before / after each wave", ...cell((t) => sessions(t)), ""],
    ["growth across waves: RSS / heapUsed (last vs wave 1 left)", ...cell(growthCell), ""],
  ];
}

function sessions(t: TargetResult): string {
  return t.memory?.length
    ? t.memory.map((p) => (p.clientsHeld === null ? "–" : String(p.clientsHeld))).join(" / ")
    : "n/a";
}

function growthCell(t: TargetResult): string {
  const g = t.memoryGrowth;
  if (!g) return "n/a (1 wave)";
  const heap = g.heapUsed ? `${signed(g.heapUsed.mb)} MB (${signed(g.heapUsed.pct)} %)` : "–";
  return `${signed(g.rss.mb)} MB (${signed(g.rss.pct)} %) / ${heap} → ${g.noGrowth ? "no growth" : "GROWTH"}`;
}

/** Says what the memory rows mean: retention after the first peak, or growth per wave (a leak). */
export function memoryNotes(t: TargetResult): string[] {
  const g = t.memoryGrowth;
  if (!t.ok || !g) return [];
  const heap = g.heapUsed ? `, heapUsed after GC ${signed(g.heapUsed.pct)} %` : "";
  const held = t.memory?.at(-1)?.clientsHeld;
  const left = held ? ` It still holds ${held} sessions.` : "";
  if (g.noGrowth)
    return [
      `${t.label}: memory ${g.to} is within ${g.tolerancePct} % of ${g.from} (RSS ${signed(g.rss.pct)} %${heap}): ` +
        `no growth across waves. What stays above "before" after the first wave is memory V8 and the allocator keep ` +
        `after the peak (RSS), not per-client state; a leak would add to it with every wave.${left}`,
    ];
  return [
    `${t.label}: memory grew from ${g.from} to ${g.to} (RSS ${signed(g.rss.pct)} %${heap}, tolerance ` +
      `${g.tolerancePct} %): state may be kept per client after it leaves — check with more waves (\`--waves 4\`).${left}`,
  ];
}
