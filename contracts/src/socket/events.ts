import { z } from "zod";
import { assetKeySchema, tradeSchema, bookLevelSchema, profitDllStatesSchema } from "../feed/index.ts";
import type { ErrorBody } from "../errors.ts";
import type { SessionEndReason } from "../http/session.ts";
import type { KillSwitchState, Order, PositionsResponse } from "../http/orders.ts";
import type { OpsSubscribeResult, OpsUpdate, PingResult } from "./ops.ts";
import type { Candle, CandlesSubscription, CandleUpdate } from "../http/candles.ts";

/** Socket ack: `{ ok: true, data } | { ok: false, error }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckFn<T> = (ack: Ack<T>) => void;

/** Most assets one browser socket may hold at once (per channel). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 100;

export const assetsPayloadSchema = z.object({
  assets: z.array(assetKeySchema).min(1).max(MAX_SUBSCRIPTIONS_PER_SOCKET),
});
export type AssetsPayload = z.infer<typeof assetsPayloadSchema>;

/**
 * The BFF's merged view of one asset: last trade + daily + top of book + ticker state.
 * Times are epoch ms; `exchangeTs` is the exchange timestamp of the newest input, `receivedAt` when the BFF got it.
 */
export const quoteSchema = z.object({
  asset: assetKeySchema,
  last: z.number().nullable(),
  previousClose: z.number().nullable(),
  change: z.number().nullable(),
  changePct: z.number().nullable(),
  open: z.number().nullable(),
  high: z.number().nullable(),
  low: z.number().nullable(),
  bid: z.number().nullable(),
  bidQty: z.number().nullable(),
  ask: z.number().nullable(),
  askQty: z.number().nullable(),
  volume: z.number(),
  quantity: z.number(),
  trades: z.number(),
  lastTradeAt: z.number().nullable(),
  tickerState: z.number().nullable(),
  exchangeTs: z.number(),
  receivedAt: z.number(),
  /** Set when the BFF is not receiving this asset's data (see `feed:status` `assets`): the values are last known. */
  dataState: z.enum(["pending", "retrying"]).optional(),
  /** The upstream snapshot this state was rebuilt from (see `syncIdSchema`). */
  syncId: z.number().optional(),
});
export type Quote = z.infer<typeof quoteSchema>;

/** A batch of trades for one asset, oldest first (the tape). */
export const tradeBatchSchema = z.object({
  asset: assetKeySchema,
  trades: z.array(tradeSchema.extend({ ts: z.number() })),
});
export type TradeBatch = z.infer<typeof tradeBatchSchema>;

/**
 * Prints one tape holds per asset: the BFF's shared buffer keeps this many, a `trades:snapshot` carries at most this
 * many, and the browser's tape store keeps this many (one number for all three).
 */
export const TAPE_DEPTH = 100;

/** São Paulo has kept UTC−3 all year since 2019 (no daylight saving): B3's exchange time is a fixed offset from UTC. */
export const SAO_PAULO_OFFSET_MS = -3 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/**
 * A trade's identity: trade numbers restart every session, so the number is paired with its São Paulo date (as the
 * BFF's bars do). Live and history copies of one trade have the same identity.
 */
export function tradeIdentity(t: { ts: number; tradeNumber: number }): string {
  return `${Math.floor((t.ts + SAO_PAULO_OFFSET_MS) / DAY_MS)}:${t.tradeNumber}`;
}

/**
 * `trades:snapshot`: the newest prints of one asset (oldest first, at most TAPE_DEPTH), sent after `trades:subscribe`
 * once the BFF's buffer holds today's history. The browser replaces its tape for the asset with it, keeping live
 * prints newer than the snapshot (`trades:added` may arrive before it); prints in both count once (`tradeIdentity`).
 * `history`: `complete` = the trades before the subscription are in; `unavailable` = the upstream could not send
 * them (only trades printed since the BFF started watching the asset are in; the tape says so).
 */
export const tradeSnapshotSchema = tradeBatchSchema.extend({
  history: z.enum(["complete", "unavailable"]),
});
export type TradeSnapshot = z.infer<typeof tradeSnapshotSchema>;

/**
 * Identifies the upstream snapshot an asset's state was rebuilt from; the BFF assigns a new one on every resync.
 * Exchange times only compare within one `syncId`: a store holding another one replaces its state, even when the
 * new exchange time is older (a resync after a far-future timestamp must not look "older" and be dropped).
 */
export const syncIdSchema = z.number();

export const bookViewSchema = z.object({
  asset: assetKeySchema,
  bids: z.array(bookLevelSchema),
  asks: z.array(bookLevelSchema),
  exchangeTs: z.number(),
  /** See `syncIdSchema`; absent from a BFF that predates it. */
  syncId: syncIdSchema.optional(),
});
export type BookView = z.infer<typeof bookViewSchema>;

/** Upstream feed link, as the BFF sees it. */
export const feedLinkSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("connecting"), since: z.number(), attempt: z.number().int() }),
  z.object({ state: z.literal("live"), since: z.number() }),
  /** Connected but no message (not even a heartbeat) within the stale threshold. */
  z.object({ state: z.literal("stale"), since: z.number() }),
  z.object({
    state: z.literal("down"),
    since: z.number(),
    reason: z.string(),
    retryAt: z.number().nullable(),
  }),
]);
export type FeedLink = z.infer<typeof feedLinkSchema>;

export const breakerStateSchema = z.enum(["closed", "open", "halfOpen"]);
export type BreakerState = z.infer<typeof breakerStateSchema>;

/**
 * One subscribed asset the BFF is not receiving data for: `pending` (subscribed, no snapshot yet) or `retrying` (a
 * request went unanswered or the asset went silent while the link flowed; re-subscribing with backoff).
 */
export const assetDataStateSchema = z.object({
  asset: assetKeySchema,
  state: z.enum(["pending", "retrying"]),
  since: z.number(),
  attempts: z.number().int().nonnegative(),
});
export type AssetDataState = z.infer<typeof assetDataStateSchema>;

/** Most per-asset entries one `feed:status` carries (oldest first); `assetsNotOk` has the full count. */
export const MAX_FEED_STATUS_ASSETS = 100;

/** The instrument catalog: `incomplete` when evidence says assets are missing (a refresh is under way). */
export const catalogStateSchema = z.object({
  state: z.enum(["loading", "complete", "incomplete"]),
  since: z.number(),
  reason: z.string().nullable(),
});
export type CatalogState = z.infer<typeof catalogStateSchema>;

/**
 * When the browser calls what it shows stale: the BFF's settings, repeated in every `feed:status` so the browser keeps
 * no copy. Before its first `feed:status` the browser knows neither and calls nothing live.
 */
export const stalenessSchema = z.object({
  /**
   * Nothing heard from the BFF (`feed:status`, quotes) for this long while quotes are subscribed → stale. The BFF's
   * own upstream rule (FEED_STALE_MS), never less than 1.5 status intervals (a status comes every interval).
   */
  silenceMs: z.number().int().positive(),
  /** An asset the BFF has not refreshed for this long is stale even while the link is live (WEB_DATA_STALE_AFTER_MS). */
  dataStaleAfterMs: z.number().int().positive(),
});
export type Staleness = z.infer<typeof stalenessSchema>;

/** Everything a browser needs to tell the trader whether prices are live. */
export const feedStatusSchema = z.object({
  link: feedLinkSchema,
  breaker: z.object({ state: breakerStateSchema, since: z.number(), lastError: z.string().nullable() }),
  /** Last `nResult` per ProfitDLL `nConnStateType`; null before the first report. */
  profitDll: profitDllStatesSchema,
  lastMessageAt: z.number().nullable(),
  serverTime: z.number(),
  /** Subscribed assets not receiving data (only those; oldest first, at most MAX_FEED_STATUS_ASSETS). */
  assets: z.array(assetDataStateSchema).max(MAX_FEED_STATUS_ASSETS).optional(),
  /** How many assets are not receiving data in all (`assets` may be cut short). */
  assetsNotOk: z.number().int().nonnegative().optional(),
  catalog: catalogStateSchema.optional(),
  /** The thresholds the browser applies to this status and to quotes (see `stalenessSchema`). */
  staleness: stalenessSchema,
});
export type FeedStatus = z.infer<typeof feedStatusSchema>;

/** Longest a draining BFF asks a client to wait before reconnecting (its jitter spreads the fleet over this). */
export const MAX_DRAIN_RECONNECT_MS = 10_000;

/**
 * `server:draining`: this BFF instance is shutting down. The client reconnects after `reconnectInMs` (already spread
 * with jitter by the server, so its clients do not all land on the others at once); through the gateway the new
 * connection reaches another instance, as the draining one refuses new sockets.
 */
export const serverDrainingSchema = z.object({
  reconnectInMs: z.number().int().min(0).max(MAX_DRAIN_RECONNECT_MS),
});
export type ServerDraining = z.infer<typeof serverDrainingSchema>;

/** Browser → BFF. Every event takes an ack. */
export interface ClientToServerEvents {
  "quotes:subscribe": (payload: AssetsPayload, ack: AckFn<{ quotes: Quote[] }>) => void;
  "quotes:unsubscribe": (payload: AssetsPayload, ack: AckFn<{ assets: string[] }>) => void;
  "trades:subscribe": (payload: AssetsPayload, ack: AckFn<{ assets: string[] }>) => void;
  "trades:unsubscribe": (payload: AssetsPayload, ack: AckFn<{ assets: string[] }>) => void;
  "book:subscribe": (payload: AssetsPayload, ack: AckFn<{ books: BookView[] }>) => void;
  "book:unsubscribe": (payload: AssetsPayload, ack: AckFn<{ assets: string[] }>) => void;
  /** Join the ops health stream (`ops:read`); the ack carries the snapshot and 15 minutes of history. */
  "ops:subscribe": (payload: Record<string, never>, ack: AckFn<OpsSubscribeResult>) => void;
  "ops:unsubscribe": (payload: Record<string, never>, ack: AckFn<{ subscribed: false }>) => void;
  /** Round trip probe: the browser measures its own socket latency (the trader's status strip). */
  "connection:ping": (payload: Record<string, never>, ack: AckFn<PingResult>) => void;
  /** Follow one (asset, interval)'s forming bar; the ack carries it (null before the first trade of the bar). */
  "candles:subscribe": (payload: CandlesSubscription, ack: AckFn<{ candle: Candle | null }>) => void;
  "candles:unsubscribe": (
    payload: CandlesSubscription,
    ack: AckFn<{ asset: string; interval: string }>,
  ) => void;
}

/** BFF → browser. */
export interface ServerToClientEvents {
  "feed:status": (status: FeedStatus) => void;
  /** Conflated: at most one quote per asset per conflation interval. */
  "quotes:updated": (quotes: Quote[]) => void;
  /** Batched, never dropped while the socket keeps up; see docs/architecture.md for the slow-client rule. */
  "trades:added": (batches: TradeBatch[]) => void;
  /** The newest prints of an asset just subscribed with `trades:subscribe` (replaces the tape; see the schema). */
  "trades:snapshot": (snapshot: TradeSnapshot) => void;
  /** Conflated full top-10 view per asset. */
  "book:updated": (books: BookView[]) => void;
  /** The session behind this socket ended (logout, expiry, revocation); the server disconnects right after. */
  "session:ended": (payload: { reason: SessionEndReason }) => void;
  /** This instance is draining: reconnect after `reconnectInMs` (see `serverDrainingSchema`). */
  "server:draining": (payload: ServerDraining) => void;
  /** Order changes for the accounts of this socket's user (only that user's sessions receive them). */
  "orders:updated": (orders: Order[]) => void;
  /** The user's positions, re-marked; sent on fills and at most once per conflation interval on price moves. */
  "positions:updated": (positions: PositionsResponse) => void;
  /** Kill-switch state; broadcast to every socket on change and sent on connect. */
  "risk:kill-switch": (state: KillSwitchState) => void;
  /** Ops health snapshot, every second, to sockets that sent `ops:subscribe`. */
  "ops:updated": (update: OpsUpdate) => void;
  /** The forming bar of a subscribed (asset, interval); conflated per (asset, interval) like quotes. */
  "candles:updated": (update: CandleUpdate) => void;
}

export type ClientEventName = keyof ClientToServerEvents;
export const clientEventNames = [
  "quotes:subscribe",
  "quotes:unsubscribe",
  "trades:subscribe",
  "trades:unsubscribe",
  "book:subscribe",
  "book:unsubscribe",
  "ops:subscribe",
  "ops:unsubscribe",
  "connection:ping",
  "candles:subscribe",
  "candles:unsubscribe",
] as const satisfies readonly ClientEventName[];
