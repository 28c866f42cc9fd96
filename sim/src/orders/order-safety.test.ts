import type { SubmitOrder } from "@pregao/contracts";
import { describe, expect, it } from "vitest";
import { ACCT2, claims, setup } from "./order-fixture.ts";

// Order-entry safety (issue 9): idempotency-key reuse and the integer tick grid. Fat fingers: order-limits.test.ts.

describe("idempotency keys", () => {
  it("the same key with the same order is the first order, once", () => {
    const { m, order, count } = setup();
    const o = order();
    const first = m.submit(claims(), o);
    const again = m.submit(claims(), { ...o });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, order: { orderId: first.order.orderId } });
    expect(count()).toBe(1);
  });

  it.each([
    ["side", { side: "SELL" }],
    ["price", { price: 30 }],
    ["quantity", { quantity: 200 }],
    ["account", { account: ACCT2 }],
    ["asset", { asset: "VALE3:B" }],
    ["type", { type: "MARKET", price: undefined }],
    ["timeInForce", { timeInForce: "GTC" }],
  ] as const)("the same key with another %s is 409 IDEMPOTENCY_KEY_REUSED", (field, change) => {
    const { m, order, refusal, count } = setup();
    const o = order();
    m.submit(claims(), o);
    expect(refusal({ ...o, ...change } as SubmitOrder)).toMatchObject({
      status: 409,
      code: "IDEMPOTENCY_KEY_REUSED",
      field: "idempotencyKey",
      details: { fields: expect.arrayContaining([field]) },
    });
    expect(count()).toBe(1);
  });

  it("another stopPrice on a stop-limit is 409", () => {
    const { m, order, refusal, below } = setup();
    const o = order({ type: "STOP_LIMIT", side: "SELL", price: below(1), stopPrice: below(0.5) });
    m.submit(claims(), o);
    expect(refusal({ ...o, stopPrice: below(0.6) })).toMatchObject({
      status: 409,
      details: { fields: ["stopPrice"] },
    });
  });

  it("keys are per user: another user's identical key is a new order, not theirs", () => {
    const { m, order } = setup();
    const o = order();
    const mine = m.submit(claims("u"), o);
    const theirs = m.submit(claims("v"), o);
    expect(theirs.created).toBe(true);
    expect(theirs.order.orderId).not.toBe(mine.order.orderId);
  });
});

describe("tick grid", () => {
  it.each([
    ["PETR4:B", "price", 33.50000001, 0.01],
    ["PETR4:B", "price", 37.295, 0.01],
    ["WINZ26:F", "price", 155_002, 5],
  ] as const)("%s %s %d is 400 VALIDATION_FAILED with the tick size", (asset, field, price, tickSize) => {
    const { refusal, order, market } = setup();
    const quantity = market.instrument(asset).info.lot;
    expect(refusal(order({ asset, price, quantity, confirm: ["PRICE_COLLAR"] }))).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      field,
      details: { tickSize },
    });
  });

  it("names stopPrice when the stop is off the grid", () => {
    const { refusal, order, below } = setup();
    const o = order({ type: "STOP_LIMIT", side: "SELL", price: below(1), stopPrice: below(0.5) + 0.001 });
    expect(refusal(o)).toMatchObject({ status: 400, field: "stopPrice", details: { tickSize: 0.01 } });
  });

  it("accepts 37.29, which is 3728.9999999999995 ticks in binary floating point", () => {
    const { m, order } = setup();
    expect(m.submit(claims(), order({ price: 37.29, confirm: ["PRICE_COLLAR"] })).created).toBe(true);
  });
});
