import { describe, expect, it } from "vitest";
import type { Order, Position } from "@pregao/contracts";
import { priceLinesFor } from "./price-lines.ts";

const ASSET = "PETR4:B";
const account = { brokerId: 1, accountId: "A1" };

const order = (over: Partial<Order>): Order => ({
  orderId: "o1",
  account,
  asset: ASSET,
  side: "BUY",
  type: "LIMIT",
  quantity: 1000,
  filledQuantity: 0,
  price: 37.1,
  stopPrice: null,
  avgFillPrice: null,
  status: "SUBMITTED",
  profitDllStatus: 0,
  timeInForce: "DAY",
  fills: [],
  reason: null,
  userId: "u",
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

const position = (over: Partial<Position>): Position => ({
  account,
  asset: ASSET,
  netQuantity: 200,
  averagePrice: 36.5,
  marketPrice: 37,
  realizedPnl: 0,
  unrealizedPnl: 100,
  currency: "BRL",
  ...over,
});

describe("price lines from orders and positions", () => {
  it("draws each working order of the asset at its price, with side and open quantity", () => {
    const lines = priceLinesFor(
      ASSET,
      [
        order({ orderId: "b", filledQuantity: 400 }),
        order({ orderId: "s", side: "SELL", price: 38.2, status: "PARTIALLY_FILLED", quantity: 1500 }),
      ],
      [],
    );
    expect(lines).toEqual([
      { key: "b", price: 37.1, title: "Buy 600", kind: "buy" },
      { key: "s", price: 38.2, title: "Sell 1,500", kind: "sell" },
    ]);
  });
  it("leaves out orders of other assets, finished orders and market orders", () => {
    const lines = priceLinesFor(
      ASSET,
      [
        order({ orderId: "x", asset: "VALE3:B" }),
        order({ orderId: "f", status: "FILLED" }),
        order({ orderId: "c", status: "CANCELED" }),
        order({ orderId: "m", type: "MARKET", price: null }),
      ],
      [],
    );
    expect(lines).toEqual([]);
  });
  it("draws a stop-limit at its limit and its trigger", () => {
    const lines = priceLinesFor(ASSET, [order({ orderId: "sl", type: "STOP_LIMIT", stopPrice: 37.3 })], []);
    expect(lines.map((l) => [l.key, l.price, l.title])).toEqual([
      ["sl", 37.1, "Buy 1,000"],
      ["sl:stop", 37.3, "Stop Buy 1,000"],
    ]);
  });
  it("draws the average price of an open position per account, not a flat one", () => {
    const lines = priceLinesFor(
      ASSET,
      [],
      [
        position({}),
        position({ account: { brokerId: 1, accountId: "A2" }, netQuantity: -300, averagePrice: 37.9 }),
        position({ account: { brokerId: 1, accountId: "A3" }, netQuantity: 0 }),
        position({ asset: "VALE3:B" }),
      ],
    );
    expect(lines).toEqual([
      { key: "avg:1:A1", price: 36.5, title: "Avg +200", kind: "average" },
      { key: "avg:1:A2", price: 37.9, title: "Avg -300", kind: "average" },
    ]);
  });
});
