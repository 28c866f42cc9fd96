import type { IDisposable } from "cockatiel";
import type { FleetMember, FleetView } from "@pregao/contracts";
import type { ClusterBus } from "./bus.ts";

export interface FleetOptions {
  bus: ClusterBus;
  /** This instance's summary, taken at each publish. */
  member(): FleetMember;
  /** How often this instance publishes its summary (OPS_PUSH_MS). */
  publishMs: number;
  now?: () => number;
}

/** A peer not heard from for this many publish intervals (and at least PEER_MIN_EXPIRY_MS) is left out. */
export const PEER_EXPIRY_INTERVALS = 3;
const PEER_MIN_EXPIRY_MS = 5_000;
/** Bound on the peers remembered (the contract's `members` max, this one included). */
const MAX_PEERS = 63;

/**
 * The fleet as this instance sees it: its own summary plus the last one each peer published over the cluster bus.
 * Peers that go silent (killed, partitioned from Redis) drop out after a few intervals, so the totals never count a
 * dead instance's sockets. Each peer's summary is kept by the time it ARRIVED here, not its own clock (clock skew).
 */
export class Fleet implements IDisposable {
  private readonly peers = new Map<string, { member: FleetMember; receivedAt: number }>();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly sub: IDisposable;
  private readonly now: () => number;

  constructor(private readonly options: FleetOptions) {
    this.now = options.now ?? Date.now;
    this.sub = options.bus.subscribe((message) => {
      if (message.type !== "fleet:member") return;
      const { member } = message;
      if (!this.peers.has(member.instanceId) && this.peers.size >= MAX_PEERS) this.expire();
      if (!this.peers.has(member.instanceId) && this.peers.size >= MAX_PEERS) return;
      this.peers.set(member.instanceId, { member, receivedAt: this.now() });
    });
    if (options.bus.clustered) {
      this.timer = setInterval(() => this.publish(), options.publishMs);
      this.timer.unref();
    }
  }

  /** Publishes this instance's summary now (the timer does this every `publishMs`; drain does it at once). */
  publish(): void {
    this.options.bus.publish({ type: "fleet:member", member: this.options.member() });
  }

  /** The fleet with `self` (this instance's current summary) first, then the live peers by id. */
  view(self: FleetMember): FleetView {
    this.expire();
    const peers = [...this.peers.values()]
      .map((p) => p.member)
      .filter((m) => m.instanceId !== self.instanceId)
      .sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    const members = [self, ...peers];
    const totals = {
      instances: members.length,
      ready: 0,
      sockets: 0,
      sessions: 0,
      traders: 0,
      feedMsgsPerS: 0,
    };
    for (const m of members) {
      if (m.status !== "fail") totals.ready++;
      totals.sockets += m.connected.sockets;
      totals.sessions += m.connected.sessions;
      totals.traders += m.connected.traders;
      totals.feedMsgsPerS += m.feedMsgsPerS;
    }
    totals.feedMsgsPerS = Math.round(totals.feedMsgsPerS * 10) / 10;
    return { self: self.instanceId, members, totals };
  }

  private expire(): void {
    const maxAge = Math.max(PEER_MIN_EXPIRY_MS, PEER_EXPIRY_INTERVALS * this.options.publishMs);
    const now = this.now();
    for (const [id, p] of this.peers) if (now - p.receivedAt > maxAge) this.peers.delete(id);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.sub.dispose();
  }
}
