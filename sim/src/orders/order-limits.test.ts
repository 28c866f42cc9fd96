import { describe, expect, it } from "vitest";
import { claims, setup } from "./order-fixture.ts";

// Fat fingers (issue 9): per-instrument maximum quantity and notional, the price collar, set per instrument by risk.

describe("maximum order quantity and notional", () => {
  it("over the instrument's maxOrderQty is 422 RISK_REJECTED MAX_ORDER_QUANTITY with numbers", () => {
    const { refusal, order } = setup();
    const win = order({ asset: "WINZ26:F", type: "MARKET", price: undefined, quantity: 10_001 });
    expect(refusal(win)).toMatchObject({
      status: 422,
      code: "RISK_REJECTED",
      field: "quantity",
      details: { rule: "MAX_ORDER_QUANTITY", limit: 10_000, value: 10_001 },
    });
  });

  it("100,000 lots of PETR4 (≈ R$ 374 million) is 422 MAX_ORDER_NOTIONAL, not an order", () => {
    const { refusal, order, last, count } = setup();
    const r = refusal(order({ quantity: 10_000_000, price: last }));
    expect(r).toMatchObject({
      status: 422,
      code: "RISK_REJECTED",
      field: "quantity",
      details: { rule: "MAX_ORDER_NOTIONAL", limit: 10_000_000, value: last * 10_000_000 },
    });
    expect(r.message).not.toMatch(/\d,\d{3}/);
    expect(count()).toBe(0);
  });

  it("values a MARKET order at the last trade, futures with their multiplier", () => {
    const { refusal, order, market } = setup();
    const winLast = market.lastPrice("WINZ26:F");
    // 400 WIN ≈ R$ 12 million at 155,000 points × R$ 0.20.
    const r = refusal(order({ asset: "WINZ26:F", type: "MARKET", price: undefined, quantity: 400 }));
    expect(r.details).toEqual({ rule: "MAX_ORDER_NOTIONAL", limit: 10_000_000, value: winLast * 400 * 0.2 });
  });
});

describe("price collar", () => {
  it("beyond collarPct is 428 CONFIRMATION_REQUIRED; the confirmed resend with the same key is one order", () => {
    const { m, refusal, order, below, last, count } = setup();
    const o = order({ price: below(5) });
    const r = refusal(o);
    expect(r).toMatchObject({
      status: 428,
      code: "CONFIRMATION_REQUIRED",
      field: "price",
      details: { rule: "PRICE_COLLAR", lastPrice: last, price: below(5), collarPct: 3 },
    });
    expect((r.details as { deviationPct: number }).deviationPct).toBeCloseTo(5, 1);
    expect(count()).toBe(0);
    const confirmed = m.submit(claims(), { ...o, confirm: ["PRICE_COLLAR"] });
    expect(confirmed.created).toBe(true);
    // A retry of the confirmed order, with or without `confirm`, is the same order (confirm is not its identity).
    expect(m.submit(claims(), { ...o, confirm: ["PRICE_COLLAR"] }).order.orderId).toBe(
      confirmed.order.orderId,
    );
    expect(m.submit(claims(), o).order.orderId).toBe(confirmed.order.orderId);
    expect(count()).toBe(1);
  });

  it("applies to a stop-limit's limit price", () => {
    const { refusal, order, below } = setup();
    const o = order({ type: "STOP_LIMIT", side: "SELL", price: below(5), stopPrice: below(4.5) });
    expect(refusal(o)).toMatchObject({ status: 428, field: "price", details: { rule: "PRICE_COLLAR" } });
  });

  it("beyond hardCollarPct is refused outright, confirmed or not", () => {
    const { refusal, order, below } = setup();
    const o = order({ price: below(9), confirm: ["PRICE_COLLAR"] });
    expect(refusal(o)).toMatchObject({
      status: 422,
      code: "RISK_REJECTED",
      field: "price",
      details: { rule: "PRICE_COLLAR_HARD", price: below(9), collarPct: 8 },
    });
  });

  it("with the kill switch on, the answer is the kill switch, not a collar prompt", () => {
    const { m, refusal, order, below } = setup();
    m.activateKillSwitch("drill", "u-risk", false);
    expect(refusal(order({ price: below(5) }))).toMatchObject({ status: 403, code: "RISK_REJECTED" });
  });
});

describe("risk sets per-instrument limits", () => {
  it("a PETR4 override applies to PETR4 only, and null removes it", () => {
    const { m, refusal, order, below } = setup();
    expect(
      m.risk.update(
        { orderLimits: { "PETR4:B": { maxOrderQty: 500, collarPct: 1, hardCollarPct: 2 } } },
        "r",
      ),
    ).toBeNull();
    expect(refusal(order({ quantity: 600 }))).toMatchObject({
      status: 422,
      details: { rule: "MAX_ORDER_QUANTITY", limit: 500, value: 600 },
    });
    expect(refusal(order({ price: below(1.5) }))).toMatchObject({ status: 428, details: { collarPct: 1 } });
    expect(refusal(order({ price: below(2.5) }))).toMatchObject({ status: 422, details: { collarPct: 2 } });
    expect(
      m.submit(claims(), order({ asset: "ITUB4:B", type: "MARKET", price: undefined, quantity: 600 }))
        .created,
    ).toBe(true);
    expect(m.risk.limits(0).orderLimits).toEqual({
      "PETR4:B": { maxOrderQty: 500, collarPct: 1, hardCollarPct: 2 },
    });
    m.risk.update({ orderLimits: { "PETR4:B": null } }, "r");
    expect(m.submit(claims(), order({ quantity: 600 })).created).toBe(true);
  });

  it("the notional default is set by risk for every instrument", () => {
    const { m, refusal, order, last } = setup();
    m.risk.update({ orderLimitDefaults: { maxOrderNotional: 20_000 } }, "r");
    expect(m.risk.limits(0).orderLimitDefaults.maxOrderNotional).toBe(20_000);
    expect(refusal(order({ quantity: 1000, price: last }))).toMatchObject({
      details: { rule: "MAX_ORDER_NOTIONAL", limit: 20_000 },
    });
  });

  it("refuses, and changes nothing, when an override's collar would reach the default hard collar", () => {
    const { m } = setup();
    const before = m.risk.limits(0);
    expect(m.risk.update({ dailyLossLimit: 999, orderLimits: { "PETR4:B": { collarPct: 9 } } }, "r")).toBe(
      "orderLimits.PETR4:B.collarPct",
    );
    expect(m.risk.limits(0)).toEqual(before);
  });
});
