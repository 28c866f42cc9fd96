/** The longest a timed fault may stay armed: a QA script cannot wedge the simulator for good by mistake. */
export const MAX_FAULT_MS = 10 * 60_000;

/**
 * How a fault is armed. `on` stays until cleared; `for` lasts until `until` on the sim's clock, across every
 * connection and reconnection, then disarms itself; `count` applies to the next `remaining` events (frames, upgrades,
 * connections — each fault says which) wherever they happen, then disarms itself.
 */
export type Arming =
  { kind: "off" } | { kind: "on" } | { kind: "for"; until: number } | { kind: "count"; remaining: number };

/** What a caller asks for: on/off, a duration in ms, or a number of events. */
export type ArmRequest = { on: boolean } | { forMs: number } | { count: number };

/** A fault as `GET /control/state` reports it. */
export type FaultReport =
  | { mode: "off" }
  | { mode: "on" }
  | { mode: "for"; remainingMs: number }
  | { mode: "count"; remaining: number };

/** One injectable fault's arming, read on the hot path (`active`, `take`) and reported by the control API. */
export class Fault {
  private arming: Arming = { kind: "off" };

  constructor(private readonly now: () => number) {}

  arm(req: ArmRequest): void {
    if ("on" in req) this.arming = req.on ? { kind: "on" } : { kind: "off" };
    else if ("forMs" in req)
      this.arming = { kind: "for", until: this.now() + Math.min(Math.max(req.forMs, 0), MAX_FAULT_MS) };
    else this.arming = req.count > 0 ? { kind: "count", remaining: req.count } : { kind: "off" };
  }

  clear(): void {
    this.arming = { kind: "off" };
  }

  /** Whether the fault holds now, without spending a count (e.g. "is the feed silent?"). */
  get active(): boolean {
    return this.current().kind !== "off";
  }

  /** Whether the fault applies to this event; a counted fault spends one. */
  take(): boolean {
    const a = this.current();
    if (a.kind !== "count") return a.kind !== "off";
    this.arming = a.remaining > 1 ? { kind: "count", remaining: a.remaining - 1 } : { kind: "off" };
    return true;
  }

  report(): FaultReport {
    const a = this.current();
    switch (a.kind) {
      case "off":
        return { mode: "off" };
      case "on":
        return { mode: "on" };
      case "for":
        return { mode: "for", remainingMs: a.until - this.now() };
      case "count":
        return { mode: "count", remaining: a.remaining };
    }
  }

  private current(): Arming {
    if (this.arming.kind === "for" && this.now() >= this.arming.until) this.arming = { kind: "off" };
    return this.arming;
  }
}
