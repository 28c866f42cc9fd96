import { TradeType } from "@pregao/contracts";
import type { FeedServer } from "../feed/server.ts";
import type { Market } from "../market/market.ts";
import { ControlError } from "./router.ts";

/**
 * QA: makes `asset` trade at `price`. Above the best ask, aggressive buying sweeps the asks up to it; below the best
 * bid, aggressive selling sweeps the bids down to it; then one print at exactly `price` (a cross if inside the
 * spread). Our resting orders see the trades through the market's trade hook, as with organic flow.
 */
export function tradeThrough(market: Market, feed: FeedServer, asset: string, price: number): void {
  if (!market.has(asset)) throw new ControlError(404, "NOT_FOUND", `unknown asset ${asset}`, "asset");
  const { info } = market.instrument(asset);
  const daily = market.daily(asset);
  if (Math.abs(price / info.tickSize - Math.round(price / info.tickSize)) > 1e-6)
    throw new ControlError(
      400,
      "VALIDATION_FAILED",
      `price must be on the tick grid (${info.tickSize})`,
      "price",
    );
  if (
    (daily.minLimit !== null && price < daily.minLimit) ||
    (daily.maxLimit !== null && price > daily.maxLimit)
  )
    throw new ControlError(400, "VALIDATION_FAILED", "price outside the daily limits", "price");
  const event = market.act(asset, (exec) => {
    const ask = exec.bestAsk();
    const bid = exec.bestBid();
    const agent = exec.drawAgent();
    const buy = ask !== undefined && price >= ask;
    const sell = bid !== undefined && price <= bid;
    const trades = buy || sell ? exec.sweep({ buy, limitPrice: price, agent }) : [];
    if (trades.at(-1)?.price !== price) {
      const type = buy ? TradeType.AGGRESSIVE_BUY : sell ? TradeType.AGGRESSIVE_SELL : TradeType.CROSS;
      const other = type === TradeType.CROSS ? agent : exec.drawAgent();
      const [buyAgent, sellAgent] = type === TradeType.AGGRESSIVE_SELL ? [other, agent] : [agent, other];
      trades.push(exec.print(price, info.lot, buyAgent, sellAgent, type));
    }
    return trades;
  });
  feed.publish(event);
}
