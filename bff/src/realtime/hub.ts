import type { IDisposable } from "cockatiel";
import type { MarketFeed } from "../upstream/market-feed.ts";
import {
  ClientConflator,
  emptyCounters,
  type Channel,
  type ConflationCounters,
  type ConflationMeter,
  type ConflationTransport,
} from "./conflation.ts";
import type { BudgetRefusal, SubscriptionBudget, SubscriptionOwner } from "./subscription-budget.ts";

export type { Channel } from "./conflation.ts";
const channels: readonly Channel[] = ["quotes", "trades", "book"];

/** One connected socket: its outbox and what it subscribed to, per channel. */
export interface Session {
  readonly id: string;
  readonly conflator: ClientConflator;
  readonly subs: Record<Channel, Set<string>>;
  /** The browser session and user behind the socket (the per-session/per-user subscription budgets). */
  readonly owner?: SubscriptionOwner;
}

export interface HubOptions {
  conflationMs: number;
  tradeCap: number;
  /** Delivery metrics (offered/sent/dropped/latency); none when absent. */
  meter?: ConflationMeter;
  /** Called with a client's own counters when it leaves (per-client distributions). */
  onClientClosed?: (counters: Readonly<ConflationCounters>) => void;
  /** Subscriptions summed per session and per user; none → only the per-socket cap applies. */
  budget?: SubscriptionBudget;
}

/** Per-client counters kept in `/api/v1/stats`: a summary over all clients plus at most this many samples. */
const PER_CLIENT_SAMPLES = 20;

/**
 * Fan-out from market state to sessions. Indexes sessions by asset per channel, pushes each change into the
 * subscribed sessions' conflators and flushes every conflator on one shared tick. Upstream interest is ref-counted
 * per `session/channel` in the feed's subscription registry.
 */
export class RealtimeHub {
  private readonly sessions = new Map<string, Session>();
  private readonly index: Record<Channel, Map<string, Set<Session>>> = {
    quotes: new Map(),
    trades: new Map(),
    book: new Map(),
  };
  private readonly disposables: IDisposable[];
  private readonly timer: NodeJS.Timeout;
  /** Totals over every client, past and present. */
  readonly counters = emptyCounters();

  constructor(
    private readonly feed: MarketFeed,
    private readonly options: HubOptions,
  ) {
    const { market } = feed;
    this.disposables = [
      market.onChange(({ asset, quote, book }) => {
        const qs = quote ? this.index.quotes.get(asset) : undefined;
        const q = qs?.size ? market.quote(asset) : null;
        if (q) for (const s of qs!) s.conflator.pushQuote(q);
        const bs = book ? this.index.book.get(asset) : undefined;
        const b = bs?.size ? market.bookView(asset) : null;
        if (b) {
          const at = market.receivedAt(asset);
          for (const s of bs!) s.conflator.pushBook(b, at);
        }
      }),
      market.onTrade(({ asset, trade, receivedAt }) => {
        for (const s of this.index.trades.get(asset) ?? []) s.conflator.pushTrade(asset, trade, receivedAt);
      }),
    ];
    this.timer = setInterval(() => this.flushAll(), options.conflationMs);
  }

  add(id: string, transport: ConflationTransport, owner?: SubscriptionOwner): Session {
    const session: Session = {
      id,
      conflator: new ClientConflator(transport, this.options.tradeCap, this.counters, this.options.meter),
      subs: { quotes: new Set(), trades: new Set(), book: new Set() },
      ...(owner ? { owner } : {}),
    };
    this.sessions.set(id, session);
    return session;
  }

  remove(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    for (const ch of channels) this.unsubscribe(session, ch, [...session.subs[ch]]);
    this.sessions.delete(id);
    this.options.onClientClosed?.(session.conflator.counters);
  }

  /** Adds the assets not held yet, or none when that would exceed the session's or the user's budget. */
  subscribe(session: Session, channel: Channel, assets: readonly string[]): BudgetRefusal | null {
    const fresh = assets.filter((a) => !session.subs[channel].has(a));
    const { budget } = this.options;
    if (budget && session.owner && fresh.length > 0) {
      const refused = budget.reserve(session.owner, channel, fresh.length);
      if (refused) return refused;
    }
    for (const a of fresh) {
      session.subs[channel].add(a);
      const set = this.index[channel].get(a) ?? new Set();
      set.add(session);
      this.index[channel].set(a, set);
    }
    this.feed.subscriptions.acquire(`${session.id}/${channel}`, fresh);
    return null;
  }

  unsubscribe(session: Session, channel: Channel, assets: readonly string[]): void {
    const held = assets.filter((a) => session.subs[channel].delete(a));
    for (const a of held) {
      const set = this.index[channel].get(a);
      set?.delete(session);
      if (set?.size === 0) this.index[channel].delete(a);
      session.conflator.discard(channel, a);
    }
    this.feed.subscriptions.release(`${session.id}/${channel}`, held);
    if (session.owner) this.options.budget?.release(session.owner, channel, held.length);
  }

  flushAll(): void {
    for (const s of this.sessions.values()) s.conflator.flush();
  }

  /**
   * Totals, plus per-client counters bounded whatever the client count: min/max/mean of each counter over every
   * client and the raw counters of the first PER_CLIENT_SAMPLES clients.
   */
  stats(): { clients: number; totals: ConflationCounters; perClient: PerClientStats } {
    const keys = Object.keys(this.counters) as Array<keyof ConflationCounters>;
    const summary = {} as PerClientStats["summary"];
    for (const k of keys) summary[k] = { min: 0, max: 0, mean: 0 };
    const samples: Record<string, ConflationCounters> = {};
    let n = 0;
    for (const s of this.sessions.values()) {
      const c = s.conflator.counters;
      if (n < PER_CLIENT_SAMPLES) samples[s.id] = { ...c };
      for (const k of keys) {
        const agg = summary[k];
        agg.min = n === 0 ? c[k] : Math.min(agg.min, c[k]);
        agg.max = Math.max(agg.max, c[k]);
        agg.mean += c[k];
      }
      n++;
    }
    if (n > 0) for (const k of keys) summary[k].mean /= n;
    return {
      clients: this.sessions.size,
      totals: { ...this.counters },
      perClient: { summary, samples, omitted: Math.max(0, n - PER_CLIENT_SAMPLES) },
    };
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Bounded per-client view in `/api/v1/stats`. */
export interface PerClientStats {
  summary: Record<keyof ConflationCounters, { min: number; max: number; mean: number }>;
  samples: Record<string, ConflationCounters>;
  /** Clients not in `samples`. */
  omitted: number;
}
