import type { HistoryTrade } from "@pregao/contracts";
import type { Instrument } from "./instruments.ts";
import type { MarketEvent } from "./market.ts";
import { pastSessionTrades } from "./past-sessions.ts";
import { dayIndex } from "./session-calendar.ts";

export interface TradeHistoryOptions {
  seed: number;
  clock: () => number;
  instrument: (asset: string) => Instrument;
  /** Most trades of the current session kept per asset (oldest dropped first). */
  maxSessionTrades?: number;
  /** How many calendar days back earlier sessions exist (older ranges are empty). */
  maxDays?: number;
  /** Earlier sessions kept generated (asset × day), least recently used dropped first. */
  cacheSessions?: number;
}

/**
 * `GetHistoryTrades` for the simulator: the current session's trades as they printed (bounded per asset) and earlier
 * sessions generated deterministically from the seed (`pastSessionTrades`).
 */
export class TradeHistory {
  private readonly session = new Map<string, { day: number; trades: HistoryTrade[] }>();
  private readonly cache = new Map<string, HistoryTrade[]>();
  private readonly maxSessionTrades: number;
  private readonly maxDays: number;
  private readonly cacheSessions: number;

  constructor(private readonly opts: TradeHistoryOptions) {
    this.maxSessionTrades = opts.maxSessionTrades ?? 50_000;
    this.maxDays = opts.maxDays ?? 370;
    this.cacheSessions = opts.cacheSessions ?? 2_000;
  }

  /** Keeps the trades of a published market event (every trade printed, whoever subscribes). */
  record(event: MarketEvent): void {
    for (const m of event.messages) {
      if (m.type !== "trade" || m.trade.edit) continue;
      const { edit: _edit, ...trade } = m.trade;
      const day = dayIndex(m.ts);
      let s = this.session.get(m.asset);
      if (!s || s.day !== day) this.session.set(m.asset, (s = { day, trades: [] }));
      s.trades.push({ ...trade, ts: m.ts });
      if (s.trades.length > this.maxSessionTrades)
        s.trades.splice(0, s.trades.length - this.maxSessionTrades);
    }
  }

  /** Trades of `asset` with `from <= ts < to`, oldest first. */
  trades(asset: string, from: number, to: number): HistoryTrade[] {
    const today = dayIndex(this.opts.clock());
    const first = Math.max(dayIndex(from), today - this.maxDays);
    const last = Math.min(dayIndex(Math.max(from, to - 1)), today);
    const out: HistoryTrade[] = [];
    for (let day = first; day <= last; day++) {
      const all = day === today ? this.today(asset, today) : this.past(asset, day, today);
      for (const t of all) if (t.ts >= from && t.ts < to) out.push(t);
    }
    return out;
  }

  private today(asset: string, today: number): HistoryTrade[] {
    const s = this.session.get(asset);
    return s && s.day === today ? s.trades : [];
  }

  private past(asset: string, day: number, today: number): HistoryTrade[] {
    const key = `${asset}|${day}|${today}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const trades = pastSessionTrades(this.opts.seed, this.opts.instrument(asset), day, today);
    this.cache.set(key, trades);
    if (this.cache.size > this.cacheSessions) this.cache.delete(this.cache.keys().next().value!);
    return trades;
  }
}
