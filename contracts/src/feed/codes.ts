/**
 * ProfitDLL numeric codes carried verbatim by the feed protocol (see docs/feed-protocol.md).
 * Names follow the ProfitDLL manual so a bridge can map callbacks one-to-one.
 */

/* Connection states (`TStateCallback`) are in conn-state.ts, order statuses in order-status.ts. */

/** `nTradeType` / `TConnectorTrade.TradeType`. */
export const TradeType = {
  CROSS: 1,
  AGGRESSIVE_BUY: 2,
  AGGRESSIVE_SELL: 3,
  AUCTION: 4,
  SURVEILLANCE: 5,
  EXPIT: 6,
  OPTIONS_EXERCISE: 7,
  OVER_THE_COUNTER: 8,
  DERIVATIVE_TERM: 9,
  INDEX: 10,
  BTC: 11,
  ON_BEHALF: 12,
  RLP: 13,
  UNKNOWN: 32,
} as const;
export type TradeType = (typeof TradeType)[keyof typeof TradeType];

/** `TChangeStateTicker.nState`. */
export const TickerState = {
  OPENED: 0,
  FROZEN: 2,
  INHIBITED: 3,
  AUCTIONED: 4,
  CLOSED: 6,
  PRE_CLOSING: 10,
  PRE_OPENING: 13,
} as const;
export type TickerState = (typeof TickerState)[keyof typeof TickerState];

/** `TConnectorBookSideType` (only the two real sides travel on the wire). */
export const BookSide = { BUY: 0, SELL: 1 } as const;
export type BookSide = (typeof BookSide)[keyof typeof BookSide];

/** `TConnectorUpdateType` values the protocol carries in `book` messages. */
export const BookAction = {
  ADD: 0,
  EDIT: 1,
  DELETE: 2,
  DELETE_FROM: 8,
} as const;
export type BookAction = (typeof BookAction)[keyof typeof BookAction];

/** `stSecurityType` of `TAssetListInfoCallback` (subset used by B3 cash and futures). */
export const SecurityType = {
  FUTURE: 0,
  SPOT: 1,
  SPOT_OPTION: 2,
  FUTURE_OPTION: 3,
  STOCK: 5,
  OPTION: 6,
  ETF: 8,
  INDEX: 9,
  UNKNOWN: 11,
  COMMON_STOCK: 14,
  PREFERRED_STOCK: 15,
} as const;

/** `ssSecuritySubType` values used by the simulator. */
export const SecuritySubType = {
  INDEX: 2,
  MINI_CONTRACT: 13,
  FRACTIONARY: 18,
  STOCK: 19,
  FII: 22,
  COMMON_SHARES: 25,
  PREFERRED_SHARES: 26,
} as const;
