import type { HistoryTrade } from "@pregao/contracts";
import type { Instrument } from "./instruments.ts";
import type { MarketEvent } from "./market.ts";
import { pastSessionTrades } from "./past-sessions.ts";
import { dayIndex } from "./session-calendar.ts";
import { SessionTrades } from "./session-trades.ts";

/**
 * Most trades of the current session kept per asset (oldest dropped first). `getHistoryTrades` for today answers from
 * these, so a range older than the newest MAX_SESSION_TRADES prints of an asset comes back short; the bound is what
 * keeps a long-running sim's memory finite: at most assets × 50,000 × 64 B (≈ 320 MB for 100 assets), held off the
 * JS heap by `SessionTrades`.
 */
export const MAX_SESSION_TRADES = 50_000;

export interface TradeHistoryOptions {
  seed: number;
  clock: () => number;
  instrument: (asset: string) => Instrument;
  /** Most trades of the current session kept per asset, oldest dropped first (default MAX_SESSION_TRADES). */
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
  private readonly session = new Map<string, { day: number; trades: SessionTrades }>();
  private readonly cache = new Map<string, HistoryTrade[]>();
  private readonly maxSessionTrades: number;
  private readonly maxDays: number;
  private readonly cacheSessions: number;

  constructor(private readonly opts: TradeHistoryOptions) {
    this.maxSessionTrades = opts.maxSessionTrades ?? MAX_SESSION_TRADES;
    this.maxDays = opts.maxDays ?? 370;
    this.cacheSessions = opts.cacheSessions ?? 2_000;
  }

  /** Keeps the trades of a published market event (every trade printed, whoever subscribes). */
  record(event: MarketEvent): void {
    for (const m of event.messages) {
      if (m.type !== "trade" || m.trade.edit) continue;
      const day = dayIndex(m.ts);
      let s = this.session.get(m.asset);
      if (!s) this.session.set(m.asset, (s = { day, trades: new SessionTrades(this.maxSessionTrades) }));
      else if (s.day !== day) {
        s.day = day;
        s.trades.clear();
      }
      // O(1) at the bound: the ring overwrites its oldest print (see SessionTrades for what trimming an array cost).
      s.trades.push(m.trade, m.ts);
    }
  }

  /** Trades of `asset` with `from <= ts < to`, oldest first. */
  trades(asset: string, from: number, to: number): HistoryTrade[] {
    const today = dayIndex(this.opts.clock());
    const first = Math.max(dayIndex(from), today - this.maxDays);
    const last = Math.min(dayIndex(Math.max(from, to - 1)), today);
    const out: HistoryTrade[] = [];
    for (let day = first; day <= last; day++) {
      if (day === today) {
        const s = this.session.get(asset);
        if (s && s.day === today) s.trades.between(from, to, out);
        continue;
      }
      for (const t of this.past(asset, day, today)) if (t.ts >= from && t.ts < to) out.push(t);
    }
    return out;
  }

  /** Today's prints held for `asset` and the slots allocated for them (both ≤ the per-asset bound). */
  sessionSize(asset: string): { trades: number; allocated: number } {
    const s = this.session.get(asset);
    return { trades: s?.trades.size ?? 0, allocated: s?.trades.allocated ?? 0 };
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
