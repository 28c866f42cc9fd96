import { connectedSession, connStateKeys, sessionCodes } from "@pregao/contracts";

/** ProfitDLL connection states of a fully connected session, indexed by `nConnStateType` (contracts' table). */
const connected = sessionCodes(connectedSession);
export const HEALTHY_STATES: readonly number[] = connStateKeys.map((k) => connected[k]);

/** Limits on `/control/flood` so a QA script cannot wedge the process. */
export const MAX_FLOOD_RATE = 100_000;
export const MAX_FLOOD_MS = 60_000;

export interface FloodFault {
  rate: number;
  until: number;
}

/**
 * The simulator's mutable knobs: the base event rate and every injected fault that is a standing condition.
 * One-shot faults (drop, malformed, skip-seq) act on the open connections directly.
 */
export class SimControls {
  refuse = false;
  blackhole = false;
  delayMs = 0;
  flood: FloodFault | null = null;
  readonly connectionStates: number[] = [...HEALTHY_STATES];

  constructor(
    public baseRate: number,
    private readonly now: () => number,
  ) {}

  /** Market events per second right now: the flood rate while a flood lasts, else the base rate. */
  rate(): number {
    if (this.flood && this.now() >= this.flood.until) this.flood = null;
    return this.flood ? this.flood.rate : this.baseRate;
  }

  startFlood(rate: number, durationMs: number): void {
    this.flood = {
      rate: Math.min(rate, MAX_FLOOD_RATE),
      until: this.now() + Math.min(durationMs, MAX_FLOOD_MS),
    };
  }

  /** Clears every standing fault; returns the state types whose result changed (to announce them). */
  reset(): number[] {
    this.refuse = false;
    this.blackhole = false;
    this.delayMs = 0;
    this.flood = null;
    const changed: number[] = [];
    HEALTHY_STATES.forEach((result, type) => {
      if (this.connectionStates[type] !== result) changed.push(type);
      this.connectionStates[type] = result;
    });
    return changed;
  }
}
