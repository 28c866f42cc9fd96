import { describe, expect, it } from "vitest";
import { OrderLimitBook, type OrderLimitInput } from "./order-limits.ts";

const input = (extra: Partial<OrderLimitInput> = {}): OrderLimitInput => ({
  asset: "PETR4:B",
  quantity: 100,
  price: 30,
  contractMultiplier: 1,
  instrumentMaxQty: 10_000_000,
  lastTrade: 37.4,
  confirmed: [],
  ...extra,
});

describe("OrderLimitBook", () => {
  it("has no collar when the asset has not traded (nothing to measure a fat finger against)", () => {
    const book = new OrderLimitBook();
    expect(book.check(input())?.details.rule).toBe("PRICE_COLLAR_HARD");
    expect(book.check(input({ lastTrade: null }))).toBeNull();
  });

  it("cannot value a MARKET order with no last trade, so only the quantity limit applies", () => {
    const book = new OrderLimitBook();
    expect(book.check(input({ price: undefined, lastTrade: null, quantity: 9_000_000 }))).toBeNull();
    expect(book.check(input({ price: undefined, lastTrade: 37.4, quantity: 9_000_000 }))?.details).toEqual({
      rule: "MAX_ORDER_NOTIONAL",
      limit: 10_000_000,
      value: 336_600_000,
    });
  });

  it("a collar exactly at collarPct passes (more than, not at least)", () => {
    const book = new OrderLimitBook();
    expect(book.check(input({ price: 97, lastTrade: 100 }))).toBeNull();
    expect(book.check(input({ price: 96.99, lastTrade: 100 }))?.kind).toBe("confirm");
  });

  it("shows overrides and defaults as set, and rejects a default collar at or above the hard collar", () => {
    const book = new OrderLimitBook();
    expect(book.apply({ orderLimits: { "VALE3:B": { maxOrderNotional: 5_000 } } })).toBeNull();
    expect(book.apply({ orderLimitDefaults: { collarPct: 8 } })).toBe("orderLimitDefaults.collarPct");
    expect(book.snapshot()).toEqual({
      orderLimitDefaults: { maxOrderNotional: 10_000_000, collarPct: 3, hardCollarPct: 8 },
      orderLimits: { "VALE3:B": { maxOrderNotional: 5_000 } },
    });
    expect(book.effective("VALE3:B", 1000)).toEqual({
      maxOrderQty: 1000,
      maxOrderNotional: 5_000,
      collarPct: 3,
      hardCollarPct: 8,
    });
  });
});
