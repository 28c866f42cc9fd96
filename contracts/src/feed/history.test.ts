import { describe, expect, it } from "vitest";
import { candlesQuerySchema, candlesSubscriptionSchema } from "../http/candles.ts";
import {
  HISTORY_PACKET_MAX_TRADES,
  HISTORY_RANGE_MAX_MS,
  feedClientMessageSchema,
  feedServerMessageSchema,
} from "./messages.ts";

const trade = {
  tradeNumber: 7,
  price: 10.5,
  quantity: 100,
  volume: 1050,
  buyAgent: 1,
  sellAgent: 2,
  tradeType: 2,
};
const packet = { seq: 1, ts: 5, type: "historyTrades", reqId: "h1", asset: "PETR4:B" };

describe("getHistoryTrades / historyTrades", () => {
  it("accepts a request for a range and refuses an inverted or over-wide one, naming `to`", () => {
    const ok = { type: "getHistoryTrades", reqId: "h1", asset: "PETR4:B", from: 0, to: 1000 };
    expect(feedClientMessageSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, from: 2000 },
      { ...ok, to: HISTORY_RANGE_MAX_MS + 1 },
    ]) {
      const r = feedClientMessageSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["to"]);
    }
    expect(feedClientMessageSchema.safeParse({ ...ok, reqId: undefined }).success).toBe(false);
  });

  it("parses a packet with trades and the last flag; trades carry their time and no edit flag", () => {
    const r = feedServerMessageSchema.parse({ ...packet, trades: [{ ...trade, ts: 1 }], last: true });
    expect(r).toMatchObject({ type: "historyTrades", last: true, trades: [{ tradeNumber: 7, ts: 1 }] });
    expect(feedServerMessageSchema.safeParse({ ...packet, trades: [trade], last: false }).success).toBe(
      false,
    );
  });

  it("bounds a packet's size", () => {
    const trades = Array.from({ length: HISTORY_PACKET_MAX_TRADES + 1 }, (_, i) => ({ ...trade, ts: i }));
    expect(feedServerMessageSchema.safeParse({ ...packet, trades, last: true }).success).toBe(false);
  });
});

describe("candles contract", () => {
  it("defaults the limit, coerces query strings and names the bad field", () => {
    expect(candlesQuerySchema.parse({ asset: "PETR4:B", interval: "5m", to: "1000" })).toEqual({
      asset: "PETR4:B",
      interval: "5m",
      to: 1000,
      limit: 300,
    });
    const r = candlesQuerySchema.safeParse({ asset: "PETR4:B", interval: "2m" });
    expect(r.error?.issues[0]?.path).toEqual(["interval"]);
    expect(candlesQuerySchema.safeParse({ asset: "PETR4:B", interval: "1D", limit: "1001" }).success).toBe(
      false,
    );
    expect(candlesSubscriptionSchema.safeParse({ asset: "PETR4:B", interval: "60m" }).success).toBe(true);
  });
});
