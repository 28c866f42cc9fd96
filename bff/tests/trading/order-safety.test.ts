import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimControl, startSim, type RunningSim, type SimControl } from "@pregao/sim";
import type { ErrorEnvelope, Order, Quote, RiskLimits } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import { call, connect, startTestBff, until } from "../helpers/clients.ts";
import { browserHeaders, login } from "../helpers/session.ts";

// Order-entry safety through the BFF against the real sim order manager (issue 9): the tick grid is checked before
// the order manager is called, and the order manager's refusals reach the browser with code, field and details.

const ACCOUNT = { brokerId: 308, accountId: "10001" };

describe("order-entry safety through the BFF", () => {
  let sim: RunningSim;
  let control: SimControl;
  let bff: RunningBff;
  const cookies: Record<string, string> = {};
  let last = 0;

  const api = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${bff.url}${path}`, {
      method,
      headers: browserHeaders(bff.url, cookies[who]),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as ErrorEnvelope & Order & RiskLimits };
  };
  /** A PETR4 price `pct` % below the last trade, on the 0.01 grid. */
  const below = (pct: number) => Math.round(last * (1 - pct / 100) * 100) / 100;
  const limitBuy = (over: Record<string, unknown> = {}) => ({
    account: ACCOUNT,
    asset: "PETR4:B",
    side: "BUY",
    type: "LIMIT",
    quantity: 100,
    price: below(1),
    timeInForce: "DAY",
    idempotencyKey: randomUUID(),
    ...over,
  });

  beforeAll(async () => {
    // rate 0: no organic flow, so the last trade (the collar's reference) holds still.
    sim = await startSim({
      rate: 0,
      assets: 22,
      seed: 11,
      jwksUrl: () => `${bff.url}/.well-known/jwks.json`,
    });
    control = createSimControl(sim.controlUrl, "dev-control-token");
    bff = await startTestBff(sim.feedUrl, undefined, {
      ORDER_MANAGER_URL: sim.servicesUrl,
      SERVICE_BREAKER_THRESHOLD: 5,
      SERVICE_BREAKER_COOLDOWN_MS: 200,
      SERVICE_RETRIES: 0,
      SERVICE_TIMEOUT_MS: 1000,
      RATE_API_PER_MIN: 0,
    });
    await until(() => bff.feed.catalog.known && bff.services.stream.link === "live");
    for (const who of ["trader", "risk"] as const) cookies[who] = await login(bff.url, who);
    const socket = await connect(bff.url, { cookie: cookies.trader! });
    const ack = await call(socket, "quotes:subscribe", { assets: ["PETR4:B"] });
    last = (ack.data.quotes[0] as Quote).last!;
    socket.disconnect();
  });
  afterAll(async () => {
    await bff?.close();
    await sim?.close();
  });

  it("refuses a price off the tick grid before calling the order manager (which is down here)", async () => {
    await control.services(false);
    try {
      const onGrid = await api("trader", "POST", "/api/v1/orders", limitBuy());
      expect(onGrid).toMatchObject({ status: 503, body: { error: { code: "UPSTREAM_UNAVAILABLE" } } });
      const cases = [
        [limitBuy({ price: 33.50000001 }), "price", 0.01],
        [limitBuy({ price: 37.295 }), "price", 0.01],
        [limitBuy({ asset: "WINZ26:F", quantity: 1, price: 155_002 }), "price", 5],
        [limitBuy({ type: "STOP_LIMIT", side: "SELL", price: 30, stopPrice: 30.001 }), "stopPrice", 0.01],
      ] as const;
      for (const [order, field, tickSize] of cases)
        expect(await api("trader", "POST", "/api/v1/orders", order)).toMatchObject({
          status: 400,
          body: { error: { code: "VALIDATION_FAILED", field, details: { tickSize } } },
        });
    } finally {
      await control.services(true);
    }
    await until(async () => (await api("trader", "GET", "/api/v1/orders")).status === 200);
  });

  it("a reused idempotency key with another order is 409 naming the key and the differing fields", async () => {
    const first = limitBuy();
    expect((await api("trader", "POST", "/api/v1/orders", first)).status).toBe(201);
    expect(await api("trader", "POST", "/api/v1/orders", { ...first, side: "SELL" })).toMatchObject({
      status: 409,
      body: {
        error: { code: "IDEMPOTENCY_KEY_REUSED", field: "idempotencyKey", details: { fields: ["side"] } },
      },
    });
  });

  it("the fat finger (100,000 lots of PETR4) is 422 with the limit and the value as numbers", async () => {
    const res = await api(
      "trader",
      "POST",
      "/api/v1/orders",
      limitBuy({ quantity: 10_000_000, price: last }),
    );
    expect(res).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "RISK_REJECTED",
          field: "quantity",
          details: { rule: "MAX_ORDER_NOTIONAL", limit: 10_000_000, value: last * 10_000_000 },
        },
      },
    });
  });

  it("the collar asks for confirmation (428); the confirmed resend with the same key is one order", async () => {
    const order = limitBuy({ price: below(5) });
    const asked = await api("trader", "POST", "/api/v1/orders", order);
    expect(asked).toMatchObject({
      status: 428,
      body: {
        error: {
          code: "CONFIRMATION_REQUIRED",
          field: "price",
          details: { rule: "PRICE_COLLAR", lastPrice: last, price: below(5), collarPct: 3 },
        },
      },
    });
    const placed = await api("trader", "POST", "/api/v1/orders", { ...order, confirm: ["PRICE_COLLAR"] });
    expect(placed.status).toBe(201);
    const again = await api("trader", "POST", "/api/v1/orders", { ...order, confirm: ["PRICE_COLLAR"] });
    expect(again).toMatchObject({ status: 200, body: { orderId: placed.body.orderId } });
    const hard = await api(
      "trader",
      "POST",
      "/api/v1/orders",
      limitBuy({ price: below(9), confirm: ["PRICE_COLLAR"] }),
    );
    expect(hard).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "RISK_REJECTED",
          field: "price",
          details: { rule: "PRICE_COLLAR_HARD", collarPct: 8 },
        },
      },
    });
  });

  it("risk sets a per-instrument maximum quantity through the BFF and it applies", async () => {
    const set = await api("risk", "PUT", "/api/v1/risk/limits", {
      orderLimits: { "PETR4:B": { maxOrderQty: 200 } },
    });
    expect(set).toMatchObject({ status: 200, body: { orderLimits: { "PETR4:B": { maxOrderQty: 200 } } } });
    expect(await api("trader", "POST", "/api/v1/orders", limitBuy({ quantity: 300 }))).toMatchObject({
      status: 422,
      body: { error: { details: { rule: "MAX_ORDER_QUANTITY", limit: 200, value: 300 } } },
    });
    const crossed = await api("risk", "PUT", "/api/v1/risk/limits", {
      orderLimits: { "PETR4:B": { collarPct: 9 } },
    });
    expect(crossed).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", field: "orderLimits.PETR4:B.collarPct" } },
    });
    await api("risk", "PUT", "/api/v1/risk/limits", { orderLimits: { "PETR4:B": null } });
    expect((await api("trader", "POST", "/api/v1/orders", limitBuy({ quantity: 300 }))).status).toBe(201);
  });
});
