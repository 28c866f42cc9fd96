import { z } from "zod";
import { assetKeySchema } from "./asset.ts";
import { connStateTypeSchema } from "./conn-state.ts";

/** Protocol version; also the last path segment of the feed URL (`/feed/v1`). */
export const FEED_PROTOCOL_VERSION = 1;

const int = z.number().int();
const price = z.number().finite();
const qty = int.nonnegative();

/** Fields on every server → client message: per-connection sequence and exchange timestamp (epoch ms, UTC). */
const envelope = { seq: int.positive(), ts: int.nonnegative() };

/** Greeting sent first on every connection. */
export const helloMessageSchema = z.object({
  ...envelope,
  type: z.literal("hello"),
  protocol: z.literal(FEED_PROTOCOL_VERSION),
  server: z.string(),
  heartbeatMs: int.positive(),
});

/** `TStateCallback(nConnStateType, nResult)` verbatim. All four are sent after `hello`, then on change. */
export const connectionStateMessageSchema = z.object({
  ...envelope,
  type: z.literal("connectionState"),
  stateType: connStateTypeSchema,
  result: int,
});

/** Sent every `heartbeatMs` whether or not market data flows. */
export const heartbeatMessageSchema = z.object({ ...envelope, type: z.literal("heartbeat") });

/** `TAssetListInfoCallback(V2)` for one asset. */
export const assetInfoSchema = z.object({
  asset: assetKeySchema,
  name: z.string(),
  description: z.string(),
  minOrderQty: int.positive(),
  maxOrderQty: int.positive(),
  lot: int.positive(),
  securityType: int,
  securitySubType: int,
  tickSize: z.number().positive(),
  contractMultiplier: z.number().positive(),
  validDate: z.string().nullable(),
  isin: z.string().nullable(),
  sector: z.string().nullable(),
});
export type AssetInfo = z.infer<typeof assetInfoSchema>;

export const assetInfoMessageSchema = z.object({
  ...envelope,
  type: z.literal("assetInfo"),
  info: assetInfoSchema,
});

/** Reply to `listAssets`: every asset the bridge can subscribe to. */
export const assetListMessageSchema = z.object({
  ...envelope,
  type: z.literal("assetList"),
  reqId: z.string().optional(),
  assets: z.array(assetInfoSchema),
});

/** `TNewDailyCallback` (plus `previousClose` from `GetLastDailyClose`). Prices in the asset's unit. */
export const dailySchema = z.object({
  open: price,
  high: price,
  low: price,
  close: price,
  previousClose: price.nullable(),
  volume: z.number().nonnegative(),
  quantity: qty,
  trades: qty,
  settlement: price.nullable(),
  maxLimit: price,
  minLimit: price,
  volumeBuyer: z.number().nonnegative(),
  volumeSeller: z.number().nonnegative(),
  openInterest: qty,
});
export type Daily = z.infer<typeof dailySchema>;

export const dailyMessageSchema = z.object({
  ...envelope,
  type: z.literal("daily"),
  asset: assetKeySchema,
  daily: dailySchema,
});

/** `TConnectorTrade` / `TNewTradeCallback`. `volume` is financial volume (R$); `edit` is `TC_IS_EDIT`. */
export const tradeSchema = z.object({
  tradeNumber: int.nonnegative(),
  price,
  quantity: int.positive(),
  volume: z.number().nonnegative(),
  buyAgent: int,
  sellAgent: int,
  tradeType: int,
  edit: z.boolean(),
});
export type Trade = z.infer<typeof tradeSchema>;

export const tradeMessageSchema = z.object({
  ...envelope,
  type: z.literal("trade"),
  asset: assetKeySchema,
  trade: tradeSchema,
});

/** One aggregated price level (`TConnectorPriceGroup`). */
export const bookLevelSchema = z.object({ price, quantity: int.positive(), count: int.positive() });
export type BookLevel = z.infer<typeof bookLevelSchema>;

/** Full book (`utFullBook`): position 0 is the top of each side. */
export const bookSnapshotMessageSchema = z.object({
  ...envelope,
  type: z.literal("bookSnapshot"),
  asset: assetKeySchema,
  bids: z.array(bookLevelSchema),
  asks: z.array(bookLevelSchema),
});

const side = z.union([z.literal(0), z.literal(1)]);
const position = int.nonnegative();

/** One price-depth change. Semantics in docs/feed-protocol.md §Book. */
export const bookUpdateSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal(0), side, position, price, quantity: int.positive(), count: int.positive() }),
  z.object({ action: z.literal(1), side, position, quantity: int.positive(), count: int.positive() }),
  z.object({ action: z.literal(2), side, position }),
  z.object({ action: z.literal(8), side, position }),
]);
export type BookUpdate = z.infer<typeof bookUpdateSchema>;

/** Incremental book changes, applied in order; one message = one `utPrepare` … `utFlush` group. */
export const bookMessageSchema = z.object({
  ...envelope,
  type: z.literal("book"),
  asset: assetKeySchema,
  updates: z.array(bookUpdateSchema).min(1),
});

/** `TChangeStateTicker`. */
export const tickerStateMessageSchema = z.object({
  ...envelope,
  type: z.literal("tickerState"),
  asset: assetKeySchema,
  state: int,
});

/** `TInvalidTickerCallback`: the asset does not exist. */
export const invalidTickerMessageSchema = z.object({
  ...envelope,
  type: z.literal("invalidTicker"),
  reqId: z.string().optional(),
  asset: z.string(),
});

/** Reply to `subscribe`/`unsubscribe` once the snapshots (if any) have been sent. */
export const subscribedMessageSchema = z.object({
  ...envelope,
  type: z.literal("subscribed"),
  reqId: z.string().optional(),
  assets: z.array(assetKeySchema),
});
export const unsubscribedMessageSchema = z.object({
  ...envelope,
  type: z.literal("unsubscribed"),
  reqId: z.string().optional(),
  assets: z.array(assetKeySchema),
});

export const feedErrorCodeSchema = z.enum(["MALFORMED_REQUEST", "UNKNOWN_REQUEST", "TOO_MANY_SUBSCRIPTIONS"]);

/** The consumer sent something the server could not act on. The connection stays open. */
export const errorMessageSchema = z.object({
  ...envelope,
  type: z.literal("error"),
  reqId: z.string().optional(),
  code: feedErrorCodeSchema,
  message: z.string(),
});

/**
 * One trade of `THistoryTradeCallback` (V2: `TConnectorTrade` via `TranslateTrade`): the `trade` fields minus `edit`
 * (history holds no edits), plus `ts`, the trade's exchange time (epoch ms, UTC).
 */
export const historyTradeSchema = tradeSchema.omit({ edit: true }).extend({ ts: int.nonnegative() });
export type HistoryTrade = z.infer<typeof historyTradeSchema>;

/** Most trades one `historyTrades` packet carries (keeps every message well under the consumer's frame bound). */
export const HISTORY_PACKET_MAX_TRADES = 1000;
/** Widest range one `getHistoryTrades` may ask for (the sim and bridge answer at most this span). */
export const HISTORY_RANGE_MAX_MS = 400 * 24 * 60 * 60 * 1000;

/**
 * Reply to `getHistoryTrades`, in packets: trades oldest first, `last: true` on the final packet (`TC_LAST_PACKET`).
 * An empty range is one packet with no trades and `last: true`.
 */
export const historyTradesMessageSchema = z.object({
  ...envelope,
  type: z.literal("historyTrades"),
  reqId: z.string(),
  asset: assetKeySchema,
  trades: z.array(historyTradeSchema).max(HISTORY_PACKET_MAX_TRADES),
  last: z.boolean(),
});

/** Every server → client message. */
export const feedServerMessageSchema = z.discriminatedUnion("type", [
  helloMessageSchema,
  connectionStateMessageSchema,
  heartbeatMessageSchema,
  assetInfoMessageSchema,
  assetListMessageSchema,
  dailyMessageSchema,
  tradeMessageSchema,
  bookSnapshotMessageSchema,
  bookMessageSchema,
  tickerStateMessageSchema,
  invalidTickerMessageSchema,
  subscribedMessageSchema,
  unsubscribedMessageSchema,
  errorMessageSchema,
  historyTradesMessageSchema,
]);
export type FeedServerMessage = z.infer<typeof feedServerMessageSchema>;
export type FeedServerMessageType = FeedServerMessage["type"];
/** A server message of one type, e.g. `FeedMessageOf<"trade">`. */
export type FeedMessageOf<T extends FeedServerMessageType> = Extract<FeedServerMessage, { type: T }>;

const reqId = z.string().max(64).optional();

/** Client → server requests. */
export const feedClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("subscribe"), reqId, assets: z.array(z.string().max(32)).min(1).max(500) }),
  z.object({ type: z.literal("unsubscribe"), reqId, assets: z.array(z.string().max(32)).min(1).max(500) }),
  z.object({ type: z.literal("listAssets"), reqId }),
  /** `GetHistoryTrades(ticker, exchange, dtDateStart, dtDateEnd)`: trades with `from <= ts < to` (epoch ms, UTC). */
  z
    .object({
      type: z.literal("getHistoryTrades"),
      reqId: z.string().min(1).max(64),
      asset: z.string().max(32),
      from: int.nonnegative(),
      to: int.nonnegative(),
    })
    .refine((m) => m.to >= m.from && m.to - m.from <= HISTORY_RANGE_MAX_MS, {
      message: "to must be >= from and the range at most HISTORY_RANGE_MAX_MS",
      path: ["to"],
    }),
]);
export type FeedClientMessage = z.infer<typeof feedClientMessageSchema>;
