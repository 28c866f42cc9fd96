/** What a capacity step means (pure): its verdict, CPU per delivered update, and the ratios the report leads with. */

/** The latency bound a step must keep: p99 tick-to-client (sim `ts` → load client). */
export const P99_LIMIT_MS = 100;

/** What the verdict of one step reads. */
export interface StepFacts {
  requested: number;
  connected: number;
  /** Clients whose socket closed during the measurement window. */
  disconnects: number;
  /** p99 tick-to-client latency over the window (ms; NaN when nothing arrived). */
  p99Ms: number;
  /** Updates the clients received in the window. */
  updates: number;
}

export interface Verdict {
  pass: boolean;
  /** Why it failed (empty when it passed). */
  reasons: string[];
}

export function verdictOf(f: StepFacts, limitMs = P99_LIMIT_MS): Verdict {
  const reasons: string[] = [];
  if (f.connected < f.requested) reasons.push(`${f.requested - f.connected} of ${f.requested} not connected`);
  if (f.disconnects > 0) reasons.push(`${f.disconnects} disconnected`);
  if (f.updates === 0) reasons.push("no updates");
  else if (!(f.p99Ms <= limitMs)) reasons.push(`p99 ${Math.round(f.p99Ms)} ms > ${limitMs} ms`);
  return { pass: reasons.length === 0, reasons };
}

/** Process CPU time (s) ÷ updates delivered to clients, in µs per update; NaN when nothing was delivered. */
export function cpuUsPerUpdate(cpuSeconds: number, updates: number): number {
  return updates > 0 ? (cpuSeconds * 1e6) / updates : Number.NaN;
}

/** a ÷ b, or null when either is missing, not finite, or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** CPU seconds per process over a window → share of one core (%) and of the machine's cores (%). */
export function coreShares(
  cpuSeconds: Readonly<Record<string, number>>,
  windowSeconds: number,
  cores: number,
): { name: string; seconds: number; pctOfCore: number; pctOfMachine: number }[] {
  return Object.entries(cpuSeconds)
    .map(([name, seconds]) => ({
      name,
      seconds,
      pctOfCore: windowSeconds > 0 ? (100 * seconds) / windowSeconds : Number.NaN,
      pctOfMachine: windowSeconds > 0 && cores > 0 ? (100 * seconds) / (windowSeconds * cores) : Number.NaN,
    }))
    .sort((a, b) => b.seconds - a.seconds);
}

/** Per-process CPU seconds between two readings (processes missing from either side are left out). */
export function cpuDelta(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (k in before) out[k] = v - before[k]!;
  return out;
}
