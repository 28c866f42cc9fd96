import { randomUUID } from "node:crypto";
import { orderStreamMessageSchema, type OrderStreamMessage } from "@pregao/contracts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { connect, type UpgradeRefused } from "../feed/testing.ts";
import { createSimControl, startSim, type RunningSim } from "../index.ts";
import { createTestIssuer, type TestIssuer } from "../lib/test-tokens.ts";

const ACCT = { brokerId: 308, accountId: "1001" };
const OTHER = { brokerId: 308, accountId: "2002" };
let issuer: TestIssuer;
let sim: RunningSim | undefined;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  issuer = await createTestIssuer();
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await sim?.close();
  sim = undefined;
});

const boot = async () => (sim = await startSim({ port: 0, rate: 0, jwks: issuer.jwks, controlToken: "ctl" }));
const trader = (aud: "order-manager" | "risk" = "order-manager") => issuer.mint({ aud, accounts: [ACCT] });
const risk = (aud: "order-manager" | "risk" = "risk") => issuer.mint({ aud, sub: "u-risk", roles: ["risk"] });
async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${sim!.servicesUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      success: boolean;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted loosely
      data?: any;
      code?: string;
      field?: string;
      error?: string;
    },
  };
}
const order = (extra: Record<string, unknown> = {}) => ({
  account: ACCT,
  asset: "PETR4:B",
  side: "BUY",
  type: "MARKET",
  quantity: 300,
  idempotencyKey: randomUUID(),
  ...extra,
});
async function stream() {
  const ws = new WebSocket(`${sim!.servicesUrl.replace("http", "ws")}/api/stream`, {
    headers: { authorization: `Bearer ${await issuer.service("order-manager")}` },
  });
  sockets.push(ws);
  const messages: OrderStreamMessage[] = [];
  ws.on("message", (d) => messages.push(orderStreamMessageSchema.parse(JSON.parse(d.toString()))));
  await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
  const until = async (pred: (m: OrderStreamMessage) => boolean) => {
    for (let i = 0; i < 100 && !messages.some(pred); i++) await new Promise((r) => setTimeout(r, 20));
    return messages.find(pred);
  };
  return { messages, until };
}

describe("order manager over HTTP", () => {
  it("fills a market order, pushes order and positions on the stream, and is idempotent", async () => {
    await boot();
    const s = await stream();
    expect(await s.until((m) => m.type === "killSwitch")).toMatchObject({ seq: 1, state: { active: false } });
    const body = order();
    const first = await call("POST", "/api/orders", await trader(), body);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ status: "FILLED", profitDllStatus: 2, filledQuantity: 300 });
    expect(first.body.data.orderId).toMatch(/^ORD-\d{8}-\d{6}$/);
    const [again, concurrent] = await Promise.all([
      call("POST", "/api/orders", await trader(), body),
      call("POST", "/api/orders", await trader(), body),
    ]);
    expect([again.status, concurrent.status]).toEqual([200, 200]);
    expect(again.body.data.orderId).toBe(first.body.data.orderId);
    const list = await call("GET", "/api/orders", await trader());
    expect(list.body.data.total).toBe(1);
    const pos = await s.until((m) => m.type === "positions" && m.positions[0]?.netQuantity === 300);
    expect(pos).toBeDefined();
    expect(await s.until((m) => m.type === "order" && m.order.status === "FILLED")).toBeDefined();
  });

  it("rests a limit, cancels it idempotently, and fills one when the market trades through", async () => {
    await boot();
    const control = createSimControl(sim!.controlUrl, "ctl");
    const book = await call(
      "POST",
      "/api/orders",
      await trader(),
      order({ type: "LIMIT", price: 35, confirm: ["PRICE_COLLAR"] }),
    );
    expect(book.body.data).toMatchObject({ status: "SUBMITTED", profitDllStatus: 0 });
    const id = book.body.data.orderId as string;
    const del = await call("DELETE", `/api/orders/${id}`, await trader());
    expect(del.body.data).toMatchObject({ status: "CANCELED", profitDllStatus: 4 });
    expect((await call("DELETE", `/api/orders/${id}`, await trader())).status).toBe(200);
    const rest = await call(
      "POST",
      "/api/orders",
      await trader(),
      order({ type: "LIMIT", price: 35, confirm: ["PRICE_COLLAR"], timeInForce: "GTC" }),
    );
    await control.tradeThrough("PETR4:B", 34.9);
    const got = await call("GET", `/api/orders/${rest.body.data.orderId}`, await trader());
    expect(got.body.data).toMatchObject({ status: "FILLED", avgFillPrice: 35 });
    expect((await call("DELETE", `/api/orders/${rest.body.data.orderId}`, await trader())).status).toBe(409);
  });

  it("validates with the field, refuses another user's account, and risk cannot trade", async () => {
    await boot();
    const bad = await call("POST", "/api/orders", await trader(), order({ quantity: 150 }));
    expect(bad).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", field: "quantity" } });
    const tick = await call("POST", "/api/orders", await trader(), order({ type: "LIMIT", price: 35.005 }));
    expect(tick.body.field).toBe("price");
    const band = await call("POST", "/api/orders", await trader(), order({ type: "LIMIT", price: 999 }));
    expect(band.body.field).toBe("price");
    const theirs = await call("POST", "/api/orders", await trader(), order({ account: OTHER }));
    expect(theirs).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    const riskUser = await call("POST", "/api/orders", await risk("order-manager"), order());
    expect(riskUser.status).toBe(403);
    expect((await call("GET", "/api/orders", undefined)).status).toBe(401);
    expect((await call("GET", "/api/orders", await trader("risk"))).status).toBe(401);
  });

  it("answers 429 RATE_LIMITED with Retry-After over the kill-switch limit (10 per minute per user)", async () => {
    await boot();
    const token = await risk();
    for (let i = 0; i < 10; i++)
      expect((await call("POST", "/api/risk/kill-switch", token, { reason: "drill" })).status).toBe(200);
    const res = await fetch(`${sim!.servicesUrl}/api/risk/kill-switch`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "drill" }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ success: false, code: "RATE_LIMITED" });
  });

  it("kill switch cancels working orders, refuses the next with RISK_REJECTED, and deactivates explicitly", async () => {
    await boot();
    const s = await stream();
    const w = await call(
      "POST",
      "/api/orders",
      await trader(),
      order({ type: "LIMIT", price: 35, confirm: ["PRICE_COLLAR"] }),
    );
    expect(
      (await call("POST", "/api/risk/kill-switch", await trader("risk"), { reason: "nope" })).status,
    ).toBe(403);
    const ks = await call("POST", "/api/risk/kill-switch", await risk(), {
      reason: "Market volatility spike",
    });
    expect(ks.body.data).toMatchObject({
      active: true,
      ordersCanceled: 1,
      reason: "Market volatility spike",
    });
    expect((await call("GET", `/api/orders/${w.body.data.orderId}`, await trader())).body.data).toMatchObject(
      {
        status: "CANCELED",
        profitDllStatus: 205,
      },
    );
    expect(await s.until((m) => m.type === "killSwitch" && m.state.active)).toBeDefined();
    const refused = await call("POST", "/api/orders", await trader(), order());
    expect(refused).toMatchObject({
      status: 403,
      body: { code: "RISK_REJECTED", error: "Kill switch active: Market volatility spike" },
    });
    expect((await call("PUT", "/api/risk/limits", await risk(), { dailyLossLimit: 1000 })).status).toBe(403);
    const audit = await call("GET", "/api/risk/audit?limit=1", await risk());
    expect(audit.body.data[0]).toMatchObject({ result: "rejected", checks: { killSwitch: "failed" } });
    await call("POST", "/api/risk/kill-switch/deactivate", await risk(), { reason: "calm again" });
    expect((await call("POST", "/api/orders", await trader(), order())).status).toBe(201);
    expect((await call("GET", "/api/risk/positions", await risk())).body.data.positions).toHaveLength(1);
  });

  it("services disabled → connection refused; enabled → back on the same port", async () => {
    await boot();
    const control = createSimControl(sim!.controlUrl, "ctl");
    expect((await control.services(false)).faults.servicesEnabled).toBe(false);
    await expect(fetch(`${sim!.servicesUrl}/health`)).rejects.toThrow();
    await control.services(true);
    expect((await fetch(`${sim!.servicesUrl}/health`)).status).toBe(200);
  });

  it("feed accepts a market-data service token and refuses others unless a static token is opted in", async () => {
    await boot();
    const ok = await connect(sim!.feedUrl, await issuer.service("market-data"));
    ok.ws.close();
    const refused = (token?: string) =>
      connect(sim!.feedUrl, token).then(
        () => 101,
        (e: unknown) => (e as UpgradeRefused).status,
      );
    expect(await refused(await issuer.service("order-manager"))).toBe(401);
    expect(await refused(await issuer.mint({ aud: "market-data" }))).toBe(403);
    expect(await refused("dev-feed-token")).toBe(401);
    await sim!.close();
    sim = await startSim({ port: 0, rate: 0, jwks: issuer.jwks, feedToken: "static" });
    const c = await connect(sim.feedUrl, "static");
    c.ws.close();
  });
});
