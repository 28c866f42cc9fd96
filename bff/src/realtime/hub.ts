import type { IDisposable } from "cockatiel";
import type { MarketFeed } from "../upstream/market-feed.ts";
import { ClientConflator, emptyCounters, type ConflationTransport } from "./conflation.ts";

export type Channel = "quotes" | "trades" | "book";
const channels: readonly Channel[] = ["quotes", "trades", "book"];

/** One connected socket: its outbox and what it subscribed to, per channel. */
export interface Session {
  readonly id: string;
  readonly conflator: ClientConflator;
  readonly subs: Record<Channel, Set<string>>;
}

export interface HubOptions {
  conflationMs: number;
  tradeCap: number;
}

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
        if (b) for (const s of bs!) s.conflator.pushBook(b);
      }),
      market.onTrade(({ asset, trade }) => {
        for (const s of this.index.trades.get(asset) ?? []) s.conflator.pushTrade(asset, trade);
      }),
    ];
    this.timer = setInterval(() => this.flushAll(), options.conflationMs);
  }

  add(id: string, transport: ConflationTransport): Session {
    const session: Session = {
      id,
      conflator: new ClientConflator(transport, this.options.tradeCap, this.counters),
      subs: { quotes: new Set(), trades: new Set(), book: new Set() },
    };
    this.sessions.set(id, session);
    return session;
  }

  remove(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    for (const ch of channels) this.unsubscribe(session, ch, [...session.subs[ch]]);
    this.sessions.delete(id);
  }

  subscribe(session: Session, channel: Channel, assets: readonly string[]): void {
    const fresh = assets.filter((a) => !session.subs[channel].has(a));
    for (const a of fresh) {
      session.subs[channel].add(a);
      const set = this.index[channel].get(a) ?? new Set();
      set.add(session);
      this.index[channel].set(a, set);
    }
    this.feed.subscriptions.acquire(`${session.id}/${channel}`, fresh);
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
  }

  flushAll(): void {
    for (const s of this.sessions.values()) s.conflator.flush();
  }

  stats(): { clients: number; totals: ReturnType<typeof emptyCounters>; perClient: Record<string, unknown> } {
    const perClient: Record<string, unknown> = {};
    for (const s of this.sessions.values()) perClient[s.id] = s.conflator.counters;
    return { clients: this.sessions.size, totals: { ...this.counters }, perClient };
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
