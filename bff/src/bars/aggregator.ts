import { tradeIdentity, type Candle, type CandleInterval } from "@pregao/contracts";
import { barTime } from "./bar-time.ts";

/** What a bar needs of a trade (history and live alike). `edit`: a correction of the trade with this number. */
export interface BarTrade {
  ts: number;
  tradeNumber: number;
  price: number;
  quantity: number;
  edit?: boolean;
}

interface Bar extends Candle {
  /** (ts, tradeNumber) of the trades that set open and close: the bar is the same whatever order trades came in. */
  firstTs: number;
  firstN: number;
  lastTs: number;
  lastN: number;
}

export interface AggregatorOptions {
  /** Bars kept; the oldest go first (`trim`). */
  maxBars: number;
  /** Trades remembered for dedupe and edits (newest kept). */
  maxSeen: number;
}

const before = (ts: number, n: number, ts2: number, n2: number) => ts < ts2 || (ts === ts2 && n < n2);
/** Trade numbers restart every session: the key pairs the number with its São Paulo date. */
/** Trade numbers restart every session: the identity pairs the number with its São Paulo date (contracts). */
const keyOf = (t: BarTrade) => tradeIdentity(t);
const candleOf = (b: Bar): Candle => ({
  time: b.time,
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
  volume: b.volume,
  trades: b.trades,
});

/**
 * OHLCV bars of one (asset, interval) from trades in any order: history and live feed the same `add`, a trade seen
 * before (same session date and number) counts once, and an edit replaces the trade it corrects. Bars are kept
 * ascending by open time, at most `maxBars`.
 */
export class BarAggregator {
  private readonly bars = new Map<number, Bar>();
  private times: number[] = [];
  private readonly seen = new Map<string, BarTrade>();

  constructor(
    readonly interval: CandleInterval,
    private readonly opts: AggregatorOptions,
  ) {}

  /** Adds one trade; returns its bar after the change, or null when it changed nothing (a duplicate). */
  add(t: BarTrade): Candle | null {
    const key = keyOf(t);
    const old = this.seen.get(key);
    if (old && !t.edit) return null;
    this.remember(key, t);
    if (old) return this.replace(old, t);
    return candleOf(this.merge(t));
  }

  addAll(trades: readonly BarTrade[]): void {
    for (const t of trades) this.add(t);
  }

  /** The newest `limit` bars with `time < to`, ascending, and whether older bars are held. */
  page(to: number, limit: number): { candles: Candle[]; olderHeld: boolean } {
    const end = this.lowerBound(to);
    const start = Math.max(0, end - limit);
    const candles = this.times.slice(start, end).map((time) => candleOf(this.bars.get(time)!));
    return { candles, olderHeld: start > 0 };
  }

  /** The newest bar (the forming one while its interval lasts). */
  latest(): Candle | null {
    const time = this.times.at(-1);
    return time === undefined ? null : candleOf(this.bars.get(time)!);
  }

  /** Open time of the oldest bar held. */
  get oldest(): number | null {
    return this.times[0] ?? null;
  }

  get size(): number {
    return this.times.length;
  }

  /** Drops the oldest bars beyond `maxBars`; returns the open time of the oldest bar kept (or null when none). */
  trim(): number | null {
    const extra = this.times.length - this.opts.maxBars;
    if (extra > 0) for (const time of this.times.splice(0, extra)) this.bars.delete(time);
    return this.oldest;
  }

  private merge(t: BarTrade): Bar {
    const time = barTime(t.ts, this.interval);
    let bar = this.bars.get(time);
    if (!bar) {
      const { price, ts, tradeNumber: n } = t;
      bar = {
        time,
        open: price,
        high: price,
        low: price,
        close: price,
        volume: 0,
        trades: 0,
        firstTs: ts,
        firstN: n,
        lastTs: ts,
        lastN: n,
      };
      this.bars.set(time, bar);
      this.insertTime(time);
    }
    if (before(t.ts, t.tradeNumber, bar.firstTs, bar.firstN)) {
      Object.assign(bar, { open: t.price, firstTs: t.ts, firstN: t.tradeNumber });
    }
    if (!before(t.ts, t.tradeNumber, bar.lastTs, bar.lastN)) {
      Object.assign(bar, { close: t.price, lastTs: t.ts, lastN: t.tradeNumber });
    }
    bar.high = Math.max(bar.high, t.price);
    bar.low = Math.min(bar.low, t.price);
    bar.volume += t.quantity;
    bar.trades++;
    return bar;
  }

  /** An edit: rebuilt from the remembered trades of the bar when they are all remembered, else adjusted in place. */
  private replace(old: BarTrade, t: BarTrade): Candle | null {
    const time = barTime(old.ts, this.interval);
    const bar = this.bars.get(time);
    if (!bar) return candleOf(this.merge(t));
    const members = [...this.seen.values()].filter((s) => barTime(s.ts, this.interval) === time);
    if (members.length === bar.trades && barTime(t.ts, this.interval) === time) {
      this.bars.delete(time);
      this.times.splice(this.lowerBound(time), 1);
      let rebuilt: Bar | undefined;
      for (const m of members) rebuilt = this.merge(m);
      return rebuilt ? candleOf(rebuilt) : null;
    }
    bar.volume += t.quantity - old.quantity;
    bar.high = Math.max(bar.high, t.price);
    bar.low = Math.min(bar.low, t.price);
    if (bar.firstTs === old.ts && bar.firstN === old.tradeNumber) bar.open = t.price;
    if (bar.lastTs === old.ts && bar.lastN === old.tradeNumber) bar.close = t.price;
    return candleOf(bar);
  }

  private remember(key: string, t: BarTrade): void {
    this.seen.delete(key);
    this.seen.set(key, { ts: t.ts, tradeNumber: t.tradeNumber, price: t.price, quantity: t.quantity });
    if (this.seen.size > this.opts.maxSeen) this.seen.delete(this.seen.keys().next().value!);
  }

  private insertTime(time: number): void {
    if (this.times.length === 0 || time > this.times.at(-1)!) this.times.push(time);
    else this.times.splice(this.lowerBound(time), 0, time);
  }

  /** Index of the first bar with open time >= `time`. */
  private lowerBound(time: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
