/**
 * Pure summary of a sim soak (src/sim-soak.ts): the sim's CPU in its first minute against its last, and how its RSS
 * grew. Numbers only, never a verdict: a ratio near 1× means the sim's cost did not grow with its age.
 */
import { fmt } from "./format.ts";

export interface SoakWindow {
  /** Seconds since sampling started, at the end of the window. */
  endS: number;
  /** The sim's CPU over the window, % of one core. */
  cpuPct: number;
  /** The sim's RSS at the end of the window. */
  rssMb: number;
  /** Frames each consumer received per second (the mean over the consumers). */
  framesPerS: number;
  /** The whole machine (every process, others' too), % of all cores. */
  machineBusyPct: number;
}

interface Minute {
  windows: number;
  cpuPct: number;
  framesPerS: number;
}

export interface SoakSummary {
  windows: number;
  firstMinute: Minute;
  lastMinute: Minute;
  /** Last minute's mean CPU ÷ first minute's. */
  cpuRatio: number;
  rssMb: { first: number; last: number; growth: number };
  /** The run is shorter than two minutes: the first and last minute share windows. */
  overlap: boolean;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

function minute(ws: readonly SoakWindow[]): Minute {
  return {
    windows: ws.length,
    cpuPct: mean(ws.map((w) => w.cpuPct)),
    framesPerS: mean(ws.map((w) => w.framesPerS)),
  };
}

/** A "minute" is the first (last) ⌈60 ÷ windowS⌉ windows. Throws on no windows. */
export function summariseSoak(windows: readonly SoakWindow[], windowS: number): SoakSummary {
  if (windows.length === 0) throw new Error("no window to summarise");
  const n = Math.min(windows.length, Math.max(1, Math.ceil(60 / windowS)));
  const firstMinute = minute(windows.slice(0, n));
  const lastMinute = minute(windows.slice(-n));
  const first = windows[0]!.rssMb;
  const last = windows.at(-1)!.rssMb;
  return {
    windows: windows.length,
    firstMinute,
    lastMinute,
    cpuRatio: lastMinute.cpuPct / firstMinute.cpuPct,
    rssMb: { first, last, growth: last - first },
    overlap: 2 * n > windows.length,
  };
}

export function renderWindow(w: SoakWindow): string {
  return [
    `t=${fmt(w.endS, 0).padStart(4)} s`,
    `sim cpu ${fmt(w.cpuPct).padStart(5)} % of a core`,
    `rss ${fmt(w.rssMb, 0).padStart(5)} MB`,
    `frames/s per consumer ${fmt(w.framesPerS, 0).padStart(7)}`,
    `machine busy ${fmt(w.machineBusyPct, 0).padStart(3)} %`,
  ].join("  ");
}

export function renderSummary(s: SoakSummary, windows: readonly SoakWindow[]): string {
  const m = (label: string, x: Minute) =>
    `${label}  sim cpu ${fmt(x.cpuPct)} % (mean of ${x.windows} windows), frames/s per consumer ${fmt(x.framesPerS, 0)}`;
  return [
    `sim cpu per window (%): ${windows.map((w) => fmt(w.cpuPct, 0)).join(" ")}`,
    m("first minute:", s.firstMinute),
    m("last minute: ", s.lastMinute),
    `last ÷ first minute cpu: ${fmt(s.cpuRatio, 2)}×${s.overlap ? " (the run is under two minutes: they share windows)" : ""}`,
    `rss: ${fmt(s.rssMb.first, 0)} → ${fmt(s.rssMb.last, 0)} MB (${s.rssMb.growth >= 0 ? "+" : ""}${fmt(s.rssMb.growth, 0)} MB)`,
  ].join("\n");
}
