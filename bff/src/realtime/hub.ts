import type { IDisposable } from "cockatiel";
import type { BookView, Quote } from "@pregao/contracts";
import type { MarketFeed } from "../upstream/market-feed.ts";
import {
  ClientConflator,
  addCounters,
  emptyCounters,
  type Channel,
  type ConflationCounters,
  type ConflationMeter,
  type ConflationTransport,
} from "./conflation.ts";
import type { BudgetRefusal, SubscriptionBudget, SubscriptionOwner } from "./subscription-budget.ts";
import { SubscriptionRecord, channels } from "./subscription-record.ts";
import { TakenValues } from "./taken-values.ts";

export type { Channel } from "./conflation.ts";

/** One connected socket as the hub sees it: its outbox and who it belongs to. What it holds is in the hub's record. */
export interface Subscriber {
  readonly id: string;
  readonly conflator: ClientConflator;
  /** The browser session and user behind the socket (the per-session/per-user subscription budgets). */
  readonly owner?: SubscriptionOwner;
}

/** The slice of the feed the hub uses: the market's values and the upstream interest registry. */
export type HubFeed = {
  market: Pick<MarketFeed["market"], "takeChanges" | "onTrade">;
  subscriptions: Pick<MarketFeed["subscriptions"], "acquire" | "release">;
};

export interface HubOptions {
  /** How often each client is flushed (ms): at most one quote and one view per asset per interval. */
  conflationMs: number;
  /**
   * Clients are flushed in this many groups, one every `conflationMs / flushGroups`, each client still once per
   * `conflationMs` (default 1: every client on one tick). More groups make each tick's burst of writes shorter.
   */
  flushGroups?: number;
  tradeCap: number;
  /** Receive → emit latency per delivered update; none when absent. */
  meter?: ConflationMeter;
  /** Called with a client's own counters when it leaves (per-client distributions). */
  onClientClosed?: (counters: Readonly<ConflationCounters>) => void;
  /** Subscriptions summed per session and per user; none → only the per-socket cap applies. */
  budget?: SubscriptionBudget;
}

/** Per-client counters kept in `/api/v1/stats`: a summary over all clients plus at most this many samples. */
const PER_CLIENT_SAMPLES = 20;

/** The hub's key in the feed's subscription registry, per channel (one holder per channel, whatever the sockets). */
export const upstreamConsumer = (channel: Channel): string => `realtime/${channel}`;

/**
 * Fan-out from market state to subscribers. One record says which subscriber holds which asset per channel; the
 * upstream interest follows from it: the first holder of an asset on a channel acquires it from the feed's registry,
 * the last one leaving releases it. Trades go into every holder's outbox as they arrive. Quotes and book views
 * conflate in the market state; each tick takes the newest value per changed asset, derived once, into one shared slot
 * per asset (`taken-values.ts`), and each client flushed on that tick pulls from the slots of what it holds the values
 * it has not sent yet. Clients are flushed in `flushGroups` groups on staggered ticks, each once per `conflationMs`.
 */
export class RealtimeHub {
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly record = new SubscriptionRecord<Subscriber>();
  private readonly taken = { quotes: new TakenValues<Quote>(), book: new TakenValues<BookView>() };
  /** Which clients each tick flushes: a new client joins the smallest group. */
  private readonly groups: Array<Set<Subscriber>>;
  private tick = 0;
  private readonly disposables: IDisposable[];
  private readonly timer: NodeJS.Timeout;
  /** Counters of the clients that left (the live ones are summed in when read). */
  private readonly retired = emptyCounters();

  constructor(
    private readonly feed: HubFeed,
    private readonly options: HubOptions,
  ) {
    const { market } = feed;
    const { record } = this;
    this.disposables = [
      // Trades are never conflated: each goes to every holder at once.
      market.onTrade(({ asset, trade, receivedAt }) => {
        for (const s of record.holders("trades", asset)) s.conflator.pushTrade(asset, trade, receivedAt);
      }),
    ];
    const groups = Math.max(1, Math.floor(options.flushGroups ?? 1));
    this.groups = Array.from({ length: groups }, () => new Set<Subscriber>());
    this.timer = setInterval(() => this.flushNext(), options.conflationMs / groups);
    options.meter?.countFrom(() => this.totals());
  }

  add(id: string, transport: ConflationTransport, owner?: SubscriptionOwner): Subscriber {
    const subscriber: Subscriber = {
      id,
      conflator: new ClientConflator(transport, this.options.tradeCap, this.options.meter),
      ...(owner ? { owner } : {}),
    };
    this.subscribers.set(id, subscriber);
    this.groups.reduce((a, b) => (b.size < a.size ? b : a)).add(subscriber);
    return subscriber;
  }

  remove(id: string): void {
    const subscriber = this.subscribers.get(id);
    if (!subscriber) return;
    for (const ch of channels) this.unsubscribe(subscriber, ch, [...this.record.held(subscriber, ch)]);
    this.subscribers.delete(id);
    for (const g of this.groups) g.delete(subscriber);
    addCounters(this.retired, subscriber.conflator.counters);
    this.options.onClientClosed?.(subscriber.conflator.counters);
  }

  /** False once `subscriber` was removed (its socket left): it can hold nothing any more. */
  has(subscriber: Subscriber): boolean {
    return this.subscribers.get(subscriber.id) === subscriber;
  }

  /** What `subscriber` holds on `channel`. */
  held(subscriber: Subscriber, channel: Channel): ReadonlySet<string> {
    return this.record.held(subscriber, channel);
  }

  /** How many subscribers hold `asset` on `channel`. */
  holderCount(channel: Channel, asset: string): number {
    return this.record.holders(channel, asset).size;
  }

  /** Adds the assets not held yet, or none when that would exceed the session's or the user's budget. */
  subscribe(subscriber: Subscriber, channel: Channel, assets: readonly string[]): BudgetRefusal | null {
    // A removed subscriber would hold its assets (upstream interest, budget) for good: `remove` ran already.
    if (!this.has(subscriber)) return null;
    const held = this.record.held(subscriber, channel);
    const fresh = [...new Set(assets)].filter((a) => !held.has(a));
    if (fresh.length === 0) return null;
    const { budget } = this.options;
    if (budget && subscriber.owner) {
      const refused = budget.reserve(subscriber.owner, channel, fresh.length);
      if (refused) return refused;
    }
    const { changed, crossed } = this.record.add(subscriber, channel, fresh);
    const { conflator } = subscriber;
    if (channel === "quotes") for (const a of changed) conflator.holdQuote(a, this.taken.quotes.slot(a));
    else if (channel === "book") for (const a of changed) conflator.holdBook(a, this.taken.book.slot(a));
    if (crossed.length > 0) this.feed.subscriptions.acquire(upstreamConsumer(channel), crossed);
    return null;
  }

  unsubscribe(subscriber: Subscriber, channel: Channel, assets: readonly string[]): void {
    const { changed, crossed } = this.record.remove(subscriber, channel, assets);
    for (const a of changed) subscriber.conflator.discard(channel, a);
    if (channel !== "trades") for (const a of crossed) this.taken[channel].drop(a);
    if (crossed.length > 0) this.feed.subscriptions.release(upstreamConsumer(channel), crossed);
    if (subscriber.owner) this.options.budget?.release(subscriber.owner, channel, changed.length);
  }

  /**
   * One tick: the market's changes since the last tick go into the shared slots, then the tick's group of clients is
   * flushed. A client that unsubscribed since a change gets nothing of it, and one that subscribed since gets a value
   * at least as new as the snapshot it was sent.
   */
  flushNext(): void {
    const { quotes, books } = this.feed.market.takeChanges();
    const taken = this.taken;
    for (const { quote, offered } of quotes) taken.quotes.put(quote.asset, quote, offered, quote.receivedAt);
    for (const { view, receivedAt, offered } of books) taken.book.put(view.asset, view, offered, receivedAt);
    const group = this.groups[this.tick++ % this.groups.length]!;
    const now = Date.now();
    for (const s of group) s.conflator.flush(now);
  }

  /** Delivery totals over every client, past and present (summed when read: the hot path counts per client only). */
  totals(): ConflationCounters {
    const t = { ...this.retired };
    for (const s of this.subscribers.values()) addCounters(t, s.conflator.counters);
    return t;
  }

  /**
   * Totals, plus per-client counters bounded whatever the client count: min/max/mean of each counter over every
   * client and the raw counters of the first PER_CLIENT_SAMPLES clients.
   */
  stats(): { clients: number; totals: ConflationCounters; perClient: PerClientStats } {
    const keys = Object.keys(this.retired) as Array<keyof ConflationCounters>;
    const summary = {} as PerClientStats["summary"];
    for (const k of keys) summary[k] = { min: 0, max: 0, mean: 0 };
    const samples: Record<string, ConflationCounters> = {};
    let n = 0;
    for (const s of this.subscribers.values()) {
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
      clients: this.subscribers.size,
      totals: this.totals(),
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
