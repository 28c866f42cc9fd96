import type { Rng } from "./rng.ts";

/** Ticks of room kept between the fair value and the daily limits, so a full book fits inside the band. */
export const LIMIT_MARGIN_TICKS = 26;

export interface PriceModelAsset {
  /** Previous close in ticks (the anchor of the mean reversion). */
  anchorTicks: number;
  minLimitTicks: number;
  maxLimitTicks: number;
  beta: number;
  volatility: number;
}

const MARKET_SIGMA = 0.00025;
const MARKET_REVERSION = 0.0005;
const IDIO_SIGMA = 0.0003;
const IDIO_REVERSION = 0.001;
const MAX_MOVE = 0.07;

/**
 * Correlated random walk: log(fair / previousClose) = beta · M + e, where M is one market factor shared by every asset
 * and e is the asset's own noise. Both are mean-reverting (Ornstein–Uhlenbeck) so a long run stays inside the daily
 * band. Time is counted in market steps, not wall-clock, so a run is reproducible from the seed alone.
 */
export class PriceModel {
  private market = 0;
  private readonly idio: number[];

  constructor(
    private readonly assets: readonly PriceModelAsset[],
    private readonly rng: Rng,
  ) {
    this.idio = assets.map(() => rng.gaussian() * 0.008);
  }

  /** Advances the market factor and asset i's own noise by one step; returns asset i's fair value in ticks. */
  advance(i: number): number {
    const a = this.asset(i);
    this.market += -MARKET_REVERSION * this.market + MARKET_SIGMA * this.rng.gaussian();
    const e = this.idio[i] ?? 0;
    this.idio[i] = e - IDIO_REVERSION * e + IDIO_SIGMA * a.volatility * this.rng.gaussian();
    return this.fairTicks(i);
  }

  /** Asset i's fair value in (fractional) ticks, clamped inside its band with room for a full book. */
  fairTicks(i: number): number {
    const a = this.asset(i);
    const move = Math.max(-MAX_MOVE, Math.min(MAX_MOVE, a.beta * this.market + (this.idio[i] ?? 0)));
    const fair = a.anchorTicks * Math.exp(move);
    const lo = a.minLimitTicks + LIMIT_MARGIN_TICKS;
    const hi = a.maxLimitTicks - LIMIT_MARGIN_TICKS;
    if (lo >= hi) return a.anchorTicks;
    return Math.max(lo, Math.min(hi, fair));
  }

  private asset(i: number): PriceModelAsset {
    const a = this.assets[i];
    if (!a) throw new RangeError(`no asset at index ${i}`);
    return a;
  }
}
