import { BookSide, type Daily } from "@pregao/contracts";
import { DailyStats, roundMoney } from "./daily.ts";
import type { Instrument } from "./instruments.ts";
import { OrderBook } from "./order-book.ts";
import type { PriceModelAsset } from "./price-model.ts";
import type { Rng } from "./rng.ts";

/** Levels kept on each side: never fewer than MIN_DEPTH (the protocol promises 10), trimmed beyond MAX_DEPTH. */
export const MIN_DEPTH = 12;
export const MAX_DEPTH = 20;

/** Everything the engine keeps about one asset. */
export class AssetState {
  readonly book: OrderBook;
  readonly daily: DailyStats;
  readonly decimals: number;
  readonly model: PriceModelAsset;
  fairTicks: number;

  constructor(
    readonly instrument: Instrument,
    private readonly rng: Rng,
  ) {
    const tick = instrument.info.tickSize;
    this.decimals = Math.max(0, -Math.floor(Math.log10(tick) + 1e-9));
    const anchorTicks = this.toTicks(instrument.previousClose);
    const band = Math.round(anchorTicks * instrument.limitPct);
    this.model = {
      anchorTicks,
      minLimitTicks: anchorTicks - band,
      maxLimitTicks: anchorTicks + band,
      beta: instrument.beta,
      volatility: instrument.volatility,
    };
    this.fairTicks = anchorTicks;
    this.book = new OrderBook((t) => this.toPrice(t));
    const current = anchorTicks + Math.round(rng.gaussian() * anchorTicks * 0.006);
    this.seedBook(current);
    this.daily = new DailyStats(this.initialDaily(current));
    this.book.drain();
  }

  get asset(): string {
    return this.instrument.info.asset;
  }

  toPrice(ticks: number): number {
    return Number((ticks * this.instrument.info.tickSize).toFixed(this.decimals));
  }

  toTicks(price: number): number {
    return Math.round(price / this.instrument.info.tickSize);
  }

  /** A fresh resting level's size: `count` orders of 1…maxOrderLots lots each (roughly). */
  levelSize(): { quantity: number; count: number } {
    const count = this.rng.int(1, 12);
    const lots = count * this.rng.int(1, this.instrument.maxOrderLots);
    return { quantity: lots * this.instrument.info.lot, count };
  }

  /** True when a price in ticks lies inside the daily band. */
  inBand(ticks: number): boolean {
    return ticks >= this.model.minLimitTicks && ticks <= this.model.maxLimitTicks;
  }

  private seedBook(current: number): void {
    let bid = current;
    let ask = current + 1;
    for (let i = 0; i < 15; i++) {
      if (this.inBand(bid)) this.book.add(BookSide.BUY, { ticks: bid, ...this.levelSize() });
      if (this.inBand(ask)) this.book.add(BookSide.SELL, { ticks: ask, ...this.levelSize() });
      bid -= this.rng.chance(0.2) ? 2 : 1;
      ask += this.rng.chance(0.2) ? 2 : 1;
    }
  }

  private initialDaily(current: number): Daily {
    const i = this.instrument;
    const rng = this.rng;
    const m = this.model;
    const clamp = (t: number) => Math.max(m.minLimitTicks, Math.min(m.maxLimitTicks, t));
    const open = clamp(m.anchorTicks + Math.round(rng.gaussian() * m.anchorTicks * 0.004));
    const spread = Math.max(2, Math.round(m.anchorTicks * 0.004));
    const high = clamp(Math.max(open, current) + rng.int(0, spread));
    const low = clamp(Math.min(open, current) - rng.int(0, spread));
    const trades = Math.round(i.liquidity * rng.int(100, 300));
    const quantity = trades * i.info.lot * rng.int(1, Math.max(1, Math.floor(i.maxOrderLots / 2)));
    const avg = this.toPrice(Math.round((open + current) / 2));
    const volume = roundMoney(quantity * avg * i.info.contractMultiplier);
    return {
      open: this.toPrice(open),
      high: this.toPrice(high),
      low: this.toPrice(low),
      close: this.toPrice(current),
      previousClose: i.previousClose,
      volume,
      quantity,
      trades,
      settlement: i.isFuture ? i.previousClose : null,
      maxLimit: this.toPrice(m.maxLimitTicks),
      minLimit: this.toPrice(m.minLimitTicks),
      volumeBuyer: roundMoney(volume * 0.51),
      volumeSeller: roundMoney(volume * 0.47),
      openInterest: i.isFuture ? Math.round(i.liquidity * 3000) : 0,
    };
  }
}
