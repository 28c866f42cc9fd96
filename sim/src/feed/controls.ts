import { connectedSession, connStateKeys, sessionCodes } from "@pregao/contracts";
import { Fault } from "./fault.ts";

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

/** What the feed did since the sim started; monotonic, so a test reads deltas from its own baseline. */
export interface FeedCounters {
  connectionsAccepted: number;
  upgradesRefused: number;
  connectionsDropped: number;
  framesSent: number;
  framesSwallowed: number;
  malformedSent: number;
  seqSkipped: number;
}

const zeroCounters = (): FeedCounters => ({
  connectionsAccepted: 0,
  upgradesRefused: 0,
  connectionsDropped: 0,
  framesSent: 0,
  framesSwallowed: 0,
  malformedSent: 0,
  seqSkipped: 0,
});

/**
 * The simulator's mutable knobs: the base event rate and every injected fault. Faults live here, not on a
 * connection, so a timed or counted fault survives the consumer's reconnects. What each fault's `count` counts:
 * refuse — upgrades; drop — connections accepted; blackhole, delay, malformed, skipSeq — frames sent.
 */
export class SimControls {
  readonly refuse: Fault;
  readonly blackhole: Fault;
  readonly delay: Fault;
  /** Delay applied while `delay` is armed. */
  delayMs = 0;
  readonly malformed: Fault;
  /** While armed, each frame skips one sequence number (a one-off gap is `FeedServer.skipSeq`). */
  readonly skipSeq: Fault;
  /** While armed, every new connection is closed as soon as it is accepted. */
  readonly drop: Fault;
  flood: FloodFault | null = null;
  readonly connectionStates: number[] = [...HEALTHY_STATES];
  readonly counters: FeedCounters = zeroCounters();

  constructor(
    public baseRate: number,
    private readonly now: () => number,
  ) {
    this.refuse = new Fault(now);
    this.blackhole = new Fault(now);
    this.delay = new Fault(now);
    this.malformed = new Fault(now);
    this.skipSeq = new Fault(now);
    this.drop = new Fault(now);
  }

  /** Milliseconds left of the flood (0 when none). */
  floodRemainingMs(): number {
    this.rate(); // ends a flood that has run out
    return this.flood ? this.flood.until - this.now() : 0;
  }

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
    for (const fault of [this.refuse, this.blackhole, this.delay, this.malformed, this.skipSeq, this.drop])
      fault.clear();
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
