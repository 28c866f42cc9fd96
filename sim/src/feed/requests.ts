import { feedClientMessageSchema, type FeedClientMessage } from "@pregao/contracts";
import type { RawData } from "ws";
import type { Market } from "../market/market.ts";
import type { TradeHistory } from "../market/trade-history.ts";
import type { FeedConnection } from "./connection.ts";
import { sendHistoryPackets } from "./history-reply.ts";

const KNOWN_TYPES = new Set(["subscribe", "unsubscribe", "listAssets", "getHistoryTrades"]);

/** What request handling needs from the server: the market and the subscription registry. */
export interface RequestContext {
  market: Market;
  /** `GetHistoryTrades`: this session's trades plus earlier sessions generated from the seed. */
  history: TradeHistory;
  maxSubscriptions: number;
  clock: () => number;
  subscribe(conn: FeedConnection, asset: string): void;
  unsubscribe(conn: FeedConnection, asset: string): void;
}

type ErrorCode = "MALFORMED_REQUEST" | "UNKNOWN_REQUEST" | "TOO_MANY_SUBSCRIPTIONS";

function reqIdOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !("reqId" in value)) return undefined;
  const id = value.reqId;
  return typeof id === "string" && id.length <= 64 ? id : undefined;
}

function sendError(
  ctx: RequestContext,
  conn: FeedConnection,
  code: ErrorCode,
  message: string,
  reqId?: string,
) {
  conn.send({ ts: ctx.clock(), type: "error", ...(reqId === undefined ? {} : { reqId }), code, message });
}

/** Decodes one consumer frame and answers it per docs/feed-protocol.md §Consumer → server. */
export function handleFrame(
  ctx: RequestContext,
  conn: FeedConnection,
  data: RawData,
  isBinary: boolean,
): void {
  if (isBinary) return sendError(ctx, conn, "MALFORMED_REQUEST", "frames must be JSON text");
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return sendError(ctx, conn, "MALFORMED_REQUEST", "frame is not valid JSON");
  }
  const reqId = reqIdOf(value);
  const type = typeof value === "object" && value !== null && "type" in value ? value.type : undefined;
  if (typeof type === "string" && !KNOWN_TYPES.has(type))
    return sendError(
      ctx,
      conn,
      "UNKNOWN_REQUEST",
      `unknown request type ${JSON.stringify(type).slice(0, 40)}`,
      reqId,
    );
  const parsed = feedClientMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    return sendError(ctx, conn, "MALFORMED_REQUEST", `${issue?.message ?? "invalid request"}${where}`, reqId);
  }
  dispatch(ctx, conn, parsed.data);
}

function dispatch(ctx: RequestContext, conn: FeedConnection, msg: FeedClientMessage): void {
  const reqIdField = msg.reqId === undefined ? {} : { reqId: msg.reqId };
  switch (msg.type) {
    case "listAssets":
      conn.send({ ts: ctx.clock(), type: "assetList", ...reqIdField, assets: ctx.market.assets() });
      return;
    case "subscribe": {
      const requested = [...new Set(msg.assets)];
      const valid = requested.filter((a) => ctx.market.has(a));
      const total = new Set([...conn.subscriptions, ...valid]).size;
      if (total > ctx.maxSubscriptions)
        return sendError(
          ctx,
          conn,
          "TOO_MANY_SUBSCRIPTIONS",
          `at most ${ctx.maxSubscriptions} assets per connection`,
          msg.reqId,
        );
      for (const asset of requested) {
        if (!ctx.market.has(asset)) {
          conn.send({ ts: ctx.clock(), type: "invalidTicker", ...reqIdField, asset });
          continue;
        }
        ctx.subscribe(conn, asset);
        for (const m of ctx.market.snapshot(asset)) conn.send(m);
      }
      conn.send({ ts: ctx.clock(), type: "subscribed", ...reqIdField, assets: valid });
      return;
    }
    case "getHistoryTrades": {
      if (!ctx.market.has(msg.asset))
        return conn.send({ ts: ctx.clock(), type: "invalidTicker", reqId: msg.reqId, asset: msg.asset });
      const trades = ctx.history.trades(msg.asset, msg.from, msg.to);
      void sendHistoryPackets(conn, ctx.clock, { reqId: msg.reqId, asset: msg.asset }, trades);
      return;
    }
    case "unsubscribe": {
      const known = [...new Set(msg.assets)].filter((a) => ctx.market.has(a));
      for (const asset of known) ctx.unsubscribe(conn, asset);
      conn.send({ ts: ctx.clock(), type: "unsubscribed", ...reqIdField, assets: known });
      return;
    }
  }
}
