import { BookSide } from "@pregao/contracts";
import { MAX_DEPTH, MIN_DEPTH, type AssetState } from "./asset-state.ts";
import type { Rng } from "./rng.ts";

/**
 * Passive liquidity: resting orders arriving, growing, shrinking and leaving. `bias` (fair − mid, in ticks) tilts
 * quoting toward the fair value, which is how the book (and so the trade prices) follows the price model.
 */
export class LiquidityProvider {
  constructor(private readonly rng: Rng) {}

  /** One book-only change, then depth maintenance. */
  change(state: AssetState, bias: number): void {
    const rng = this.rng;
    const bid = state.book.bestBid();
    const ask = state.book.bestAsk();
    const toward = 0.5 + 0.4 * Math.tanh(bias / 3);
    if (bid !== undefined && ask !== undefined && ask - bid > 1 && rng.chance(ask - bid > 3 ? 0.9 : 0.6)) {
      // Quote the stale side (the one farther from fair value) more often: market makers re-quote around fair.
      const staleBid = state.fairTicks - bid > ask - state.fairTicks;
      this.improve(state, rng.chance(0.8) === staleBid ? BookSide.BUY : BookSide.SELL, bid, ask);
    } else {
      const r = rng.next();
      if (r < 0.5) this.resize(state, rng.chance(0.5) ? BookSide.BUY : BookSide.SELL);
      else if (r < 0.7) this.fillGap(state, rng.chance(0.5) ? BookSide.BUY : BookSide.SELL);
      else this.cancel(state, rng.chance(toward) ? BookSide.SELL : BookSide.BUY);
    }
    this.maintain(state);
  }

  /** Keeps both sides between MIN_DEPTH and MAX_DEPTH levels (within the daily band). */
  maintain(state: AssetState): void {
    for (const side of [BookSide.BUY, BookSide.SELL] as const) {
      const list = state.book.side(side);
      const away = side === BookSide.BUY ? -1 : 1;
      while (list.length < MIN_DEPTH) {
        const last = list[list.length - 1];
        const reference =
          last?.ticks ?? (side === BookSide.BUY ? state.book.bestAsk()! - 1 : state.book.bestBid()! + 1);
        const ticks = last ? reference + away * (this.rng.chance(0.2) ? 2 : 1) : reference;
        if (!state.inBand(ticks)) break;
        state.book.add(side, { ticks, ...state.levelSize() });
      }
      while (list.length > MAX_DEPTH) state.book.delete(side, list.length - 1);
    }
  }

  private improve(state: AssetState, side: BookSide, bid: number, ask: number): void {
    const offset = this.rng.geometric(0.4, 3);
    const fair = state.fairTicks;
    const target = side === BookSide.BUY ? Math.floor(fair) - offset : Math.ceil(fair) + offset;
    const inside = side === BookSide.BUY ? target > bid && target < ask : target < ask && target > bid;
    const ticks = inside ? target : side === BookSide.BUY ? bid + 1 : ask - 1;
    state.book.add(side, { ticks, ...state.levelSize() });
  }

  private resize(state: AssetState, side: BookSide): void {
    const list = state.book.side(side);
    const position = this.rng.geometric(0.7, list.length - 1);
    const level = list[position];
    if (!level) return;
    const lot = state.instrument.info.lot;
    const lots = lot * this.rng.int(1, state.instrument.maxOrderLots);
    if (level.count > 1 && level.quantity > lots && this.rng.chance(0.45)) {
      state.book.edit(side, position, level.quantity - lots, level.count - 1);
    } else {
      state.book.edit(side, position, level.quantity + lots, level.count + 1);
    }
  }

  private fillGap(state: AssetState, side: BookSide): void {
    const list = state.book.side(side);
    const away = side === BookSide.BUY ? -1 : 1;
    for (let p = 1; p < list.length; p++) {
      const prev = list[p - 1]!;
      if (Math.abs(list[p]!.ticks - prev.ticks) > 1) {
        state.book.add(side, { ticks: prev.ticks + away, ...state.levelSize() });
        return;
      }
    }
    this.resize(state, side);
  }

  private cancel(state: AssetState, side: BookSide): void {
    const list = state.book.side(side);
    if (list.length <= MIN_DEPTH) return this.resize(state, side);
    state.book.delete(side, this.rng.geometric(0.6, list.length - 1));
  }
}
