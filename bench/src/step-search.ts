/**
 * The capacity search (pure): step the client count up a ladder until the first step that fails, then optionally try
 * once halfway between the last step that passed and the one that failed. A series that starts part-way up the ladder
 * (`startAt`) and fails its first step steps back down until one passes. The capacity is the largest passing count
 * below the first failure.
 */

export interface StepPlan {
  /** Client counts, ascending. */
  ladder: readonly number[];
  /** Ladder steps below this are skipped (a series that starts near a known capacity). */
  startAt?: number;
  /** After the first failure, try once halfway between the last pass and that failure. */
  bisect: boolean;
  /** The bisect step is rounded to a multiple of this (default 10) and skipped when the gap is smaller. */
  granularity?: number;
}

export interface StepRecord {
  clients: number;
  pass: boolean;
}

/** The ladder from `startAt` on (the last step below it when none is at or above it). */
export function ladderFrom(plan: StepPlan): number[] {
  const ladder = [...plan.ladder].sort((a, b) => a - b);
  const start = plan.startAt ?? 0;
  const from = ladder.findIndex((n) => n >= start);
  return from < 0 ? ladder.slice(-1) : ladder.slice(from);
}

/** The next client count to run, or null when the search is over. */
export function nextStep(plan: StepPlan, history: readonly StepRecord[]): number | null {
  const ladder = ladderFrom(plan);
  const last = history.at(-1);
  if (!last) return ladder[0] ?? null;
  if (last.pass) {
    const failAbove = firstFailAbove(history, last.clients);
    if (failAbove === null) {
      if (!ladder.includes(last.clients)) return null; // the bisect step passed: done
      return ladder.find((n) => n > last.clients) ?? null;
    }
    // A step back down passed (a ladder step below an earlier failure): bisect once as usual. The bisect step: done.
    return plan.bisect && plan.ladder.includes(last.clients)
      ? midpoint(plan, history, last.clients, failAbove)
      : null;
  }
  const below = lastPassBelow(history, last.clients);
  // A series that started above the ladder's bottom (startAt) and failed there steps back down the skipped steps
  // until one passes, so it reports a capacity rather than "below the first step".
  if (below === null) return stepDown(plan, history);
  if (!plan.bisect || !ladder.includes(last.clients)) return null;
  return midpoint(plan, history, below, last.clients);
}

/** Halfway between a pass and a failure, rounded to the granularity; null when the gap is too small or it ran. */
function midpoint(plan: StepPlan, history: readonly StepRecord[], pass: number, fail: number): number | null {
  const g = plan.granularity ?? 10;
  const mid = Math.round((pass + fail) / 2 / g) * g;
  return mid > pass && mid < fail && !history.some((h) => h.clients === mid) ? mid : null;
}

function firstFailAbove(history: readonly StepRecord[], clients: number): number | null {
  const fails = history.filter((h) => !h.pass && h.clients > clients).map((h) => h.clients);
  return fails.length ? Math.min(...fails) : null;
}

/** The largest skipped ladder step below everything run so far, while nothing has passed; else null. */
function stepDown(plan: StepPlan, history: readonly StepRecord[]): number | null {
  if (history.some((h) => h.pass)) return null;
  const lowest = Math.min(...history.map((h) => h.clients));
  const start = plan.startAt ?? 0;
  return [...plan.ladder].sort((a, b) => b - a).find((n) => n < lowest && n < start) ?? null;
}

function lastPassBelow(history: readonly StepRecord[], clients: number): number | null {
  const passes = history.filter((h) => h.pass && h.clients < clients).map((h) => h.clients);
  return passes.length ? Math.max(...passes) : null;
}

export interface Capacity {
  /** Largest passing count below the first failure; 0 when the first step failed, null when nothing ran. */
  clients: number | null;
  /** Smallest failing count, or null when every step passed (the capacity is then at least `clients`). */
  firstFail: number | null;
}

export function capacityOf(history: readonly StepRecord[]): Capacity {
  if (history.length === 0) return { clients: null, firstFail: null };
  const fails = history.filter((h) => !h.pass).map((h) => h.clients);
  const firstFail = fails.length ? Math.min(...fails) : null;
  const passes = history.filter((h) => h.pass && (firstFail === null || h.clients < firstFail));
  return { clients: passes.length ? Math.max(...passes.map((h) => h.clients)) : 0, firstFail };
}

/** Runs the search: `run(clients)` measures one step; returns every step in the order run. */
export async function searchCapacity<T extends StepRecord>(
  plan: StepPlan,
  run: (clients: number) => Promise<T>,
): Promise<T[]> {
  const history: T[] = [];
  for (let n = nextStep(plan, history); n !== null; n = nextStep(plan, history)) history.push(await run(n));
  return history;
}
