import { BookSide, type TradeType, type Trade } from "@pregao/contracts";
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
    sweep: (opts) =>
      engine.sweep(
        state,
        opts.buy,
        opts.maxQuantity ?? Number.POSITIVE_INFINITY,
        opts.agent,
        opts.limitPrice === undefined ? undefined : state.toTicks(opts.limitPrice),
      ),
    print: (price, quantity, buyAgent, sellAgent, tradeType) =>
      engine.print(state, price, quantity, buyAgent, sellAgent, tradeType),
    drawAgent: () => engine.agent(),
    toTicks: (price) => state.toTicks(price),
  };
}
