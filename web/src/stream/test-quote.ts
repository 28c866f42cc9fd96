import type { Quote } from "@pregao/contracts";

/** A quote for tests; override what matters. */
export function makeQuote(over: Partial<Quote> & { asset: string }): Quote {
  return {
    last: 37.28,
    previousClose: 37,
    change: 0.28,
    changePct: 0.76,
    open: 37,
    high: 37.5,
    low: 36.9,
    bid: 37.27,
    bidQty: 100,
    ask: 37.29,
    askQty: 200,
    volume: 152_300_000,
    quantity: 4_000_000,
    trades: 1000,
    lastTradeAt: Date.UTC(2026, 2, 2, 13, 4, 5),
    tickerState: 0,
    exchangeTs: 1000,
    receivedAt: 1000,
    ...over,
  };
}
