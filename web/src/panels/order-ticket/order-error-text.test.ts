import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLocale } from "../../i18n/i18n.ts";
import { ApiError } from "../../lib/api-client.ts";
import { collarConfirmation, describeOrderError } from "./order-error-text.ts";

const apiError = (status: number, code: string, message: string, field?: string, details?: unknown) =>
  new ApiError(status, code as ApiError["code"], message, "req-1", undefined, undefined, field, details);
/** Intl uses no-break spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("describeOrderError", () => {
  // pt-BR: the server's numbers come back in the user's format and words.
  beforeAll(() => setLocale("pt-BR"));
  afterAll(() => setLocale("en"));
  it("words fat-finger refusals in pt-BR numbers, not the server's", () => {
    const qty = apiError(422, "RISK_REJECTED", "quantity 10,000,100 above 1,000,000", "quantity", {
      rule: "MAX_ORDER_QUANTITY",
      limit: 1_000_000,
      value: 10_000_100,
    });
    expect(describeOrderError(qty, 0.01)).toBe(
      "Quantidade 10.000.100 acima do máximo de 1.000.000 por ordem",
    );
    const notional = apiError(422, "RISK_REJECTED", "notional 374000000 above 50000000", "quantity", {
      rule: "MAX_ORDER_NOTIONAL",
      limit: 50_000_000,
      value: 374_000_000,
    });
    expect(plain(describeOrderError(notional, 0.01))).toBe(
      "Volume financeiro R$ 374.000.000,00 acima do máximo de R$ 50.000.000,00 por ordem",
    );
  });

  it("names the field and the tick size of an off-grid price", () => {
    const err = apiError(400, "VALIDATION_FAILED", "off grid", "stopPrice", { tickSize: 0.01 });
    expect(describeOrderError(err, 0.01)).toBe("Preço de disparo deve ser múltiplo do tick 0,01");
  });

  it("prints the daily limits of a price outside the band in pt-BR", () => {
    const err = apiError(400, "VALIDATION_FAILED", "price must be within 33.66–41.14", "price", {
      minLimit: 33.66,
      maxLimit: 1041.14,
    });
    expect(describeOrderError(err, 0.01)).toBe("Preço deve estar dentro dos limites diários 33,66–1.041,14");
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
      "Preço 30,00 está 19,79% abaixo do último negócio 37,40; ordens a mais de 15% são recusadas",
    );
  });

  it("explains a reused idempotency key", () => {
    const err = apiError(409, "IDEMPOTENCY_KEY_REUSED", "reused", "idempotencyKey", { fields: ["side"] });
    expect(describeOrderError(err, 0.01)).toContain("já foi usado para outra ordem (side)");
  });

  it("words codes without parameters in pt-BR, keeping the server's reason beside them", () => {
    expect(describeOrderError(apiError(409, "CONFLICT", "Order already filled"), 0.01)).toBe(
      "Não é possível no estado atual: Order already filled",
    );
    expect(describeOrderError(apiError(503, "UPSTREAM_UNAVAILABLE", "down"), 0.01)).toBe(
      "Gerenciador de ordens indisponível",
    );
    expect(describeOrderError(apiError(429, "RATE_LIMITED", "retry in 13.4 s"), 0.01)).toBe(
      "Pedidos demais — tente de novo em instantes",
    );
  });

  it("formats risk rules from details (403 RISK_REJECTED)", () => {
    const err = apiError(403, "RISK_REJECTED", "Daily loss limit exceeded: R$60,000 / R$50,000", undefined, {
      rule: "DAILY_LOSS_LIMIT",
      value: 60_000,
      limit: 50_000,
    });
    expect(plain(describeOrderError(err, 0.01))).toBe(
      "Limite de perda diária excedido: R$ 60.000,00 / R$ 50.000,00",
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

describe("describeOrderError in English", () => {
  it("uses English numbers and the server's own words where there are no parameters", () => {
    const qty = apiError(422, "RISK_REJECTED", "x", "quantity", {
      rule: "MAX_ORDER_QUANTITY",
      limit: 1_000_000,
      value: 10_000_100,
    });
    expect(describeOrderError(qty, 0.01)).toBe(
      "Quantity 10,000,100 is above the maximum of 1,000,000 per order",
    );
    const band = apiError(400, "VALIDATION_FAILED", "x", "price", { minLimit: 33.66, maxLimit: 1041.14 });
    expect(describeOrderError(band, 0.01)).toBe("Price must be within the daily limits 33.66–1,041.14");
    expect(describeOrderError(apiError(409, "CONFLICT", "Order already filled"), 0.01)).toBe(
      "Order already filled",
    );
    expect(describeOrderError(apiError(422, "RISK_REJECTED", "Kill switch active: drill"), 0.01)).toBe(
      "Kill switch active: drill",
    );
    expect(describeOrderError(apiError(429, "RATE_LIMITED", "x", undefined, { retryAfter: 13 }), 0.01)).toBe(
      "Too many requests — try again in 13 s",
    );
  });
});
