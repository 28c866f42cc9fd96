import type { AssetInfo, BookLevel, Daily, Quote } from "@pregao/contracts";

/** Everything the BFF holds for one subscribed asset. */
export interface AssetState {
  asset: string;
  info: AssetInfo | null;
  daily: Daily | null;
  tickerState: number | null;
  bids: BookLevel[];
  asks: BookLevel[];
  /** False between a resync request and the next `bookSnapshot`: book diffs are ignored meanwhile. */
  bookSynced: boolean;
  /** Last trade price: from `trade` messages and from `daily.close`, whichever came last. */
  lastTradePrice: number | null;
  lastTradeAt: number | null;
  exchangeTs: number;
  receivedAt: number;
}

export function emptyAssetState(asset: string): AssetState {
  return {
    asset,
    info: null,
    daily: null,
    tickerState: null,
    bids: [],
    asks: [],
    bookSynced: false,
    lastTradePrice: null,
    lastTradeAt: null,
    exchangeTs: 0,
    receivedAt: 0,
  };
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

/** Derives the browser's merged view of one asset. `change`/`changePct` are against `previousClose`. */
export function deriveQuote(s: AssetState): Quote {
  const d = s.daily;
  const last = s.lastTradePrice;
  const previousClose = d?.previousClose ?? null;
  const change = last !== null && previousClose !== null ? round(last - previousClose, 8) : null;
  const changePct = change !== null && previousClose ? round((change / previousClose) * 100, 4) : null;
  const bid = s.bids[0];
  const ask = s.asks[0];
  return {
    asset: s.asset,
    last,
    previousClose,
    change,
    changePct,
    open: d?.open ?? null,
    high: d?.high ?? null,
    low: d?.low ?? null,
    bid: bid?.price ?? null,
    bidQty: bid?.quantity ?? null,
    ask: ask?.price ?? null,
    askQty: ask?.quantity ?? null,
    volume: d?.volume ?? 0,
    quantity: d?.quantity ?? 0,
    trades: d?.trades ?? 0,
    lastTradeAt: s.lastTradeAt,
    tickerState: s.tickerState,
    exchangeTs: s.exchangeTs,
    receivedAt: s.receivedAt,
  };
}
