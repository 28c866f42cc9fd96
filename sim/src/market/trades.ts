import { BookSide, TradeType, type Trade } from "@pregao/contracts";
import type { AssetState } from "./asset-state.ts";
import { roundMoney } from "./daily.ts";
import { AGENTS } from "./instruments-data.ts";
import { WeightedPicker, type Rng } from "./rng.ts";

/**
 * Trade generation. An aggressive order takes liquidity from the top of the opposite side (buy = tradeType 2 lifts
 * asks, sell = 3 hits bids), one trade per level touched, at the book's prices; a sweep empties levels
 * (→ `deleteFrom`) and leaves a partial top (→ `edit`). Cross trades (type 1) print inside the spread without touching
 * the book, one broker on both sides.
 */
export class TradeEngine {
  private readonly agents = new WeightedPicker(AGENTS.map((a) => a[2]));

  constructor(private readonly rng: Rng) {}

  agent(): number {
    return AGENTS[this.agents.pick(this.rng)]?.[0] ?? 3;
  }

  aggressive(state: AssetState, buy: boolean, sweepLevels: number): Trade[] {
    const hitSide = buy ? BookSide.SELL : BookSide.BUY;
    const list = state.book.side(hitSide);
    const top = list[0];
    if (!top) return [];
    const lot = state.instrument.info.lot;
    const levels = Math.max(0, Math.min(sweepLevels, list.length - 2));
    let want = 0;
    for (let i = 0; i < levels; i++) want += list[i]!.quantity;
    const next = list[levels];
    if (next && (levels === 0 || this.rng.chance(0.5))) {
      const lots = Math.min(next.quantity / lot, this.rng.int(1, state.instrument.maxOrderLots));
      want += lots * lot;
    }

    return this.sweep(state, buy, want, this.agent());
  }

  /**
   * Takes up to `quantity` from the side a buy/sell hits, level by level (one trade per level at its price), stopping
   * at `limitTicks` when given: emptied levels → `deleteFrom`, a partial top → `edit`. The one place the book is swept,
   * for the market's own flow and for orders from the order manager.
   */
  sweep(state: AssetState, buy: boolean, quantity: number, aggressor: number, limitTicks?: number): Trade[] {
    const hitSide = buy ? BookSide.SELL : BookSide.BUY;
    const type = buy ? TradeType.AGGRESSIVE_BUY : TradeType.AGGRESSIVE_SELL;
    const trades: Trade[] = [];
    let swept = 0;
    let remaining = quantity;
    for (const level of state.book.side(hitSide)) {
      if (remaining <= 0) break;
      if (limitTicks !== undefined && (buy ? level.ticks > limitTicks : level.ticks < limitTicks)) break;
      const take = Math.min(remaining, level.quantity);
      remaining -= take;
      const passive = this.agent();
      const price = state.toPrice(level.ticks);
      trades.push(this.print(state, price, take, buy ? aggressor : passive, buy ? passive : aggressor, type));
      if (take === level.quantity) swept++;
      else {
        const left = level.quantity - take;
        const count = Math.max(1, Math.min(level.count, Math.round((level.count * left) / level.quantity)));
        // Edits address positions after the sweep, so the partial level is at the top by then.
        if (swept > 0) state.book.deleteFrom(hitSide, swept - 1);
        state.book.edit(hitSide, 0, left, count);
        return trades;
      }
    }
    if (swept > 0) state.book.deleteFrom(hitSide, swept - 1);
    return trades;
  }

  cross(state: AssetState): Trade | undefined {
    const bid = state.book.bestBid();
    const ask = state.book.bestAsk();
    if (bid === undefined || ask === undefined) return undefined;
    const price = state.toPrice(this.rng.int(bid, ask));
    const quantity = state.instrument.info.lot * this.rng.int(1, state.instrument.maxOrderLots * 5);
    const broker = this.agent();
    return this.print(state, price, quantity, broker, broker, TradeType.CROSS);
  }

  /** Prints one trade: records it in the daily statistics (so they always agree with the tape). */
  print(
    state: AssetState,
    price: number,
    quantity: number,
    buyAgent: number,
    sellAgent: number,
    tradeType: TradeType,
  ): Trade {
    const volume = roundMoney(price * quantity * state.instrument.info.contractMultiplier);
    const tradeNumber = state.daily.tradeCount + 1;
    state.daily.record(price, quantity, volume, tradeType);
    return { tradeNumber, price, quantity, volume, buyAgent, sellAgent, tradeType, edit: false };
  }
}
