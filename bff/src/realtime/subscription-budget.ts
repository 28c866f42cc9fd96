import type { Channel as HubChannel } from "./conflation.ts";
import { KeyedCounts } from "./keyed-counts.ts";

/** The session and user a socket belongs to: the budgets' keys. */
/** The hub's channels plus `candles` (realtime/candle-handlers.ts: one per (asset, interval)). */
export type Channel = HubChannel | "candles";

export interface SubscriptionOwner {
  session: string;
  user: string;
}

export interface BudgetRefusal {
  scope: "session" | "user";
  limit: number;
}

/**
 * Subscriptions per channel summed over every socket of a session and of a user, so opening more sockets does not
 * multiply the per-socket cap. The hub reserves when it adds assets and releases when it drops them (unsubscribe or
 * disconnect), so the counts follow the sockets' own subscription sets.
 */
export class SubscriptionBudget {
  private readonly bySession = new KeyedCounts();
  private readonly byUser = new KeyedCounts();

  constructor(private readonly limits: { perSession: number; perUser: number }) {}

  /** Takes `n` more subscriptions of `channel` for `owner`, or says which budget would be exceeded. */
  reserve(owner: SubscriptionOwner, channel: Channel, n: number): BudgetRefusal | null {
    const s = `${channel}:${owner.session}`;
    const u = `${channel}:${owner.user}`;
    if (!this.bySession.tryAdd(s, n, this.limits.perSession))
      return { scope: "session", limit: this.limits.perSession };
    if (!this.byUser.tryAdd(u, n, this.limits.perUser)) {
      this.bySession.release(s, n);
      return { scope: "user", limit: this.limits.perUser };
    }
    return null;
  }

  release(owner: SubscriptionOwner, channel: Channel, n: number): void {
    if (n <= 0) return;
    this.bySession.release(`${channel}:${owner.session}`, n);
    this.byUser.release(`${channel}:${owner.user}`, n);
  }

  held(owner: SubscriptionOwner, channel: Channel): { session: number; user: number } {
    return {
      session: this.bySession.get(`${channel}:${owner.session}`),
      user: this.byUser.get(`${channel}:${owner.user}`),
    };
  }
}
