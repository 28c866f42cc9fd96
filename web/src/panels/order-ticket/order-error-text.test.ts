import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api-client.ts";
import { collarConfirmation, describeOrderError } from "./order-error-text.ts";

const apiError = (status: number, code: string, message: string, field?: string, details?: unknown) =>
  new ApiError(status, code as ApiError["code"], message, "req-1", undefined, undefined, field, details);
/** Intl uses no-break spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("describeOrderError", () => {
  it("words fat-finger refusals in pt-BR numbers, not the server's", () => {
    const qty = apiError(422, "RISK_REJECTED", "quantity 10,000,100 above 1,000,000", "quantity", {
      rule: "MAX_ORDER_QUANTITY",
      limit: 1_000_000,
      value: 10_000_100,
    });
    expect(describeOrderError(qty, 0.01)).toBe(
      "Quantity 10.000.100 is above the maximum of 1.000.000 per order",
    );
    const notional = apiError(422, "RISK_REJECTED", "notional 374000000 above 50000000", "quantity", {
      rule: "MAX_ORDER_NOTIONAL",
      limit: 50_000_000,
      value: 374_000_000,
    });
    expect(plain(describeOrderError(notional, 0.01))).toBe(
      "Notional R$ 374.000.000,00 is above the maximum of R$ 50.000.000,00 per order",
    );
  });

  it("names the field and the tick size of an off-grid price", () => {
    const err = apiError(400, "VALIDATION_FAILED", "off grid", "stopPrice", { tickSize: 0.01 });
    expect(describeOrderError(err, 0.01)).toBe("Stop price must be a multiple of the tick size 0,01");
  });

  it("prints the daily limits of a price outside the band in pt-BR", () => {
    const err = apiError(400, "VALIDATION_FAILED", "price must be within 33.66–41.14", "price", {
      minLimit: 33.66,
      maxLimit: 1041.14,
    });
    expect(describeOrderError(err, 0.01)).toBe("Price must be within the daily limits 33,66–1.041,14");
  });

  it("says why a price beyond the hard collar was refused", () => {
    const err = apiError(422, "RISK_REJECTED", "collar", "price", {
      rule: "PRICE_COLLAR_HARD",
      lastPrice: 37.4,
      price: 30,
      deviationPct: -19.786,
      collarPct: 15,
    });
    expect(describeOrderError(err, 0.01)).toBe(
      "Price 30,00 is 19,79% below the last trade 37,40; orders more than 15% away are refused",
    );
  });

  it("explains a reused idempotency key", () => {
    const err = apiError(409, "IDEMPOTENCY_KEY_REUSED", "reused", "idempotencyKey", { fields: ["side"] });
    expect(describeOrderError(err, 0.01)).toContain("already used for a different order (side)");
  });

  it("falls back to the server's message for codes and details it does not know", () => {
    expect(describeOrderError(apiError(409, "CONFLICT", "Order already filled"), 0.01)).toBe(
      "Order already filled",
    );
    expect(describeOrderError(apiError(422, "RISK_REJECTED", "Kill switch active: drill"), 0.01)).toBe(
      "Kill switch active: drill",
    );
  });

  it("recognises only a PRICE_COLLAR 428 as a confirmable collar", () => {
    const details = { rule: "PRICE_COLLAR", lastPrice: 37.4, price: 45, deviationPct: 20.32, collarPct: 10 };
    expect(collarConfirmation(apiError(428, "CONFIRMATION_REQUIRED", "confirm", "price", details))).toEqual(
      details,
    );
    expect(collarConfirmation(apiError(428, "CONFIRMATION_REQUIRED", "confirm", "price", {}))).toBeNull();
    expect(collarConfirmation(apiError(422, "RISK_REJECTED", "no", "price", details))).toBeNull();
  });
});
