import { BookSide, TradeType, type Trade } from "@pregao/contracts";
import type { AssetState } from "./asset-state.ts";
import type { Instrument } from "./instruments.ts";
import type { TradeEngine } from "./trades.ts";

export interface SweepOptions {
  buy: boolean;
  /** Units to take at most (default: no limit). */
  maxQuantity?: number;
  /** Worst price to take (buy: highest ask, sell: lowest bid); default: any. */
  limitPrice?: number;
  /** Our side's agent (the account's broker); the resting side's agents are drawn. */
  agent: number;
}

/**
 * What an order engine may do to one asset's market, inside `Market.act` or a trade hook: take liquidity from the
 * book (each level touched prints a trade) or print a trade against flow that already traded.
 */
export interface MarketExecutor {
  readonly asset: string;
  readonly instrument: Instrument;
  bestBid(): number | undefined;
  bestAsk(): number | undefined;
  /** Quantity available on the side a buy/sell would take, up to `limitPrice`. */
  available(buy: boolean, limitPrice?: number): number;
  sweep(opts: SweepOptions): Trade[];
  print(price: number, quantity: number, buyAgent: number, sellAgent: number, tradeType: TradeType): Trade;
  drawAgent(): number;
  toTicks(price: number): number;
}

/** Called after every market step or act with the trades it printed; returns trades it printed itself. */
export type TradeHook = (exec: MarketExecutor, trades: readonly Trade[]) => Trade[];

export function createExecutor(state: AssetState, engine: TradeEngine): MarketExecutor {
  const within = (buy: boolean, ticks: number, limit: number | undefined) =>
    limit === undefined || (buy ? ticks <= state.toTicks(limit) : ticks >= state.toTicks(limit));
  return {
    asset: state.asset,
    instrument: state.instrument,
    bestBid: () => (state.book.bestBid() === undefined ? undefined : state.toPrice(state.book.bestBid()!)),
    bestAsk: () => (state.book.bestAsk() === undefined ? undefined : state.toPrice(state.book.bestAsk()!)),
    available(buy, limitPrice) {
      let total = 0;
      for (const l of state.book.side(buy ? BookSide.SELL : BookSide.BUY))
        if (within(buy, l.ticks, limitPrice)) total += l.quantity;
        else break;
      return total;
    },
    sweep: (opts) => sweep(state, engine, opts, within),
    print: (price, quantity, buyAgent, sellAgent, tradeType) =>
      engine.print(state, price, quantity, buyAgent, sellAgent, tradeType),
    drawAgent: () => engine.agent(),
    toTicks: (price) => state.toTicks(price),
  };
}

/** Takes liquidity level by level (one trade per level), deleting emptied levels and editing a partial top. */
function sweep(
  state: AssetState,
  engine: TradeEngine,
  opts: SweepOptions,
  within: (buy: boolean, ticks: number, limit: number | undefined) => boolean,
): Trade[] {
  const side = opts.buy ? BookSide.SELL : BookSide.BUY;
  const list = state.book.side(side);
  let remaining = opts.maxQuantity ?? Number.POSITIVE_INFINITY;
  const trades: Trade[] = [];
  let swept = 0;
  for (const level of list) {
    if (remaining <= 0 || !within(opts.buy, level.ticks, opts.limitPrice)) break;
    const take = Math.min(remaining, level.quantity);
    remaining -= take;
    const passive = engine.agent();
    const [buyAgent, sellAgent] = opts.buy ? [opts.agent, passive] : [passive, opts.agent];
    const type = opts.buy ? TradeType.AGGRESSIVE_BUY : TradeType.AGGRESSIVE_SELL;
    trades.push(engine.print(state, state.toPrice(level.ticks), take, buyAgent, sellAgent, type));
    if (take === level.quantity) swept++;
    else {
      const left = level.quantity - take;
      const count = Math.max(1, Math.min(level.count, Math.round((level.count * left) / level.quantity)));
      if (swept > 0) state.book.deleteFrom(side, swept - 1);
      state.book.edit(side, 0, left, count);
      return trades;
    }
  }
  if (swept > 0) state.book.deleteFrom(side, swept - 1);
  return trades;
}
