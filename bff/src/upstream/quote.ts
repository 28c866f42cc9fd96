import type { AssetInfo, BookLevel, Daily, Quote } from "@pregao/contracts";

/** Everything the BFF holds for one subscribed asset. */
export interface AssetState {
  asset: string;
  info: AssetInfo | null;
  daily: Daily | null;
  tickerState: number | null;
  /** The top levels of each side only (see bounded-book.ts); `bidDepth`/`askDepth` count the upstream's levels. */
  bids: BookLevel[];
  asks: BookLevel[];
  bidDepth: number;
  askDepth: number;
  /** False between a resync request and the next `bookSnapshot`: book diffs are ignored meanwhile. */
  bookSynced: boolean;
  /** Last trade price: from `trade` messages and from `daily.close`, whichever came last. */
  lastTradePrice: number | null;
  lastTradeAt: number | null;
  /** Newest exchange time since the last snapshot (a snapshot resets it: one message can never pin it). */
  exchangeTs: number;
  receivedAt: number;
  /** Identifies the snapshot the state was rebuilt from; a new one on every resync (0 before the first). */
  syncId: number;
}

export function emptyAssetState(asset: string): AssetState {
  return {
    asset,
    info: null,
    daily: null,
    tickerState: null,
    bids: [],
    asks: [],
    bidDepth: 0,
    askDepth: 0,
    bookSynced: false,
    lastTradePrice: null,
    lastTradeAt: null,
    exchangeTs: 0,
    receivedAt: 0,
    syncId: 0,
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
    syncId: s.syncId,
  };
}
