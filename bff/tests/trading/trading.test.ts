import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimControl, startSim, type RunningSim, type SimControl } from "@pregao/sim";
import type { KillSwitchState, Order, Quote } from "@pregao/contracts";
import { FileUserDirectory } from "../../src/identity/file-user-directory.ts";
import { hashPassword } from "../../src/identity/password.ts";
import type { RunningBff } from "../../src/server.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";
import { browserHeaders, login } from "../helpers/session.ts";

const dir = mkdtempSync(join(tmpdir(), "pregao-trading-"));
const trader2 = { username: "trader2", password: "pregao-trader2" };
const ACCOUNT = { brokerId: 308, accountId: "10001" };
const ACCOUNT2 = { brokerId: 308, accountId: "20001" };

/** Collects every `event` payload a socket receives. */
function record<T>(socket: ClientSocket, event: "orders:updated" | "risk:kill-switch"): T[] {
  const seen: T[] = [];
  socket.on(event, ((p: T) => seen.push(p)) as never);
  return seen;
}

describe("trading through the BFF against the real order manager (service tokens, push stream)", () => {
  let sim: RunningSim;
  let control: SimControl;
  let bff: RunningBff;
  const cookies: Record<string, string> = {};
  const sockets: Record<string, ClientSocket> = {};
  const orderEvents: Record<string, Order[][]> = {};
  let price = 0;

  const api = (who: string, method: string, path: string, body?: unknown) =>
    fetch(`${bff.url}${path}`, {
      method,
      headers: browserHeaders(bff.url, cookies[who]),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const limitBuy = (over: Record<string, unknown> = {}) => ({
    account: ACCOUNT,
    asset: "PETR4:B",
    side: "BUY",
    type: "LIMIT",
    quantity: 100,
    price,
    timeInForce: "DAY",
    idempotencyKey: randomUUID(),
    ...over,
  });

  beforeAll(async () => {
    const users = new FileUserDirectory(join(dir, "users.json"));
    await users.upsert({
      id: "u-trader2",
      username: trader2.username,
      displayName: "Second Trader",
      roles: ["trader"],
      accounts: [ACCOUNT2],
      passwordHash: await hashPassword(trader2.password),
    });
    sim = await startSim({
      rate: 200,
      assets: 20,
      seed: 11,
      jwksUrl: () => `${bff.url}/.well-known/jwks.json`,
    });
    control = createSimControl(sim.controlUrl, "dev-control-token");
    bff = await startTestBff(sim.feedUrl, undefined, {
      ORDER_MANAGER_URL: sim.servicesUrl,
      USERS_FILE: join(dir, "users.json"),
      SERVICE_BREAKER_THRESHOLD: 2,
      SERVICE_BREAKER_COOLDOWN_MS: 300,
      SERVICE_RETRIES: 1,
      SERVICE_TIMEOUT_MS: 1000,
      RATE_API_PER_MIN: 0,
    });
    await until(() => bff.feed.catalog.known && bff.services.stream.link === "live");
    for (const who of ["trader", "risk", "viewer"] as const) cookies[who] = await login(bff.url, who);
    cookies.trader2 = await login(bff.url, trader2);
    for (const who of Object.keys(cookies)) {
      sockets[who] = await connect(bff.url, { cookie: cookies[who]! });
      orderEvents[who] = record<Order[]>(sockets[who]!, "orders:updated");
    }
    // A resting BUY: 20 ticks under the bid, inside the daily limits.
    const ack = await call(sockets.trader!, "quotes:subscribe", { assets: ["PETR4:B"] });
    const q = ack.data.quotes[0] as Quote;
    price = Math.round(((q.bid ?? q.last ?? 30) - 0.2) * 100) / 100;
  });
  afterAll(async () => {
    for (const s of Object.values(sockets)) s.disconnect();
    await bff?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes public keys only", async () => {
    const res = await fetch(`${bff.url}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
      expect(k).not.toHaveProperty("d");
    }
  });

  let orderId = "";
  it("a trader's limit order: 201, then orders:updated on that trader's socket only", async () => {
    const body = limitBuy();
    const t0 = performance.now();
    const res = await api("trader", "POST", "/api/v1/orders", body);
    const ackMs = performance.now() - t0;
    expect(res.status).toBe(201);
    const order = (await res.json()) as Order;
    orderId = order.orderId;
    expect(order).toMatchObject({ status: "SUBMITTED", account: ACCOUNT, userId: "demo-trader" });
    await until(() => orderEvents.trader!.flat().some((o) => o.orderId === orderId), 5000);
    console.warn(`[measure] submit → 201 through the BFF: ${ackMs.toFixed(1)} ms`);
    // idempotent retry: same order, never a second one
    const again = await api("trader", "POST", "/api/v1/orders", body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Order).orderId).toBe(orderId);
    const list = (await (await api("trader", "GET", "/api/v1/orders?limit=500")).json()) as {
      orders: Order[];
    };
    expect(list.orders.filter((o) => o.orderId === orderId)).toHaveLength(1);
    expect(list.orders.every((o) => o.account.accountId.startsWith("1000"))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const mine = (who: string) => orderEvents[who]!.flat().filter((o) => o.orderId === orderId);
    expect(mine("trader").length).toBeGreaterThan(0);
    expect(mine("trader2")).toEqual([]);
    expect(mine("viewer")).toEqual([]);
    expect(mine("risk").length).toBeGreaterThan(0); // the risk room sees every order
  });

  it("GET one order; another trader gets 404; cancel → CANCELED (+ event)", async () => {
    expect((await api("trader", "GET", `/api/v1/orders/${orderId}`)).status).toBe(200);
    const other = await api("trader2", "GET", `/api/v1/orders/${orderId}`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    const canceled = next(sockets.trader!, "orders:updated", (os) =>
      os.some((o) => o.orderId === orderId && o.status === "CANCELED"),
    );
    const res = await api("trader", "DELETE", `/api/v1/orders/${orderId}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Order).status).toBe("CANCELED");
    await canceled;
  });

  it("refuses: viewer (role), another user's account, invalid body", async () => {
    const viewer = await api("viewer", "POST", "/api/v1/orders", limitBuy());
    expect(viewer.status).toBe(403);
    const foreign = await api("trader", "POST", "/api/v1/orders", limitBuy({ account: ACCOUNT2 }));
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: "FORBIDDEN", field: "account" } });
    const bad = await api("trader", "POST", "/api/v1/orders", limitBuy({ price: undefined }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "price" } });
    const offGrid = await api("trader", "POST", "/api/v1/orders", limitBuy({ price: price + 0.003 }));
    expect(offGrid.status).toBe(400);
  });

  it("positions, limits and the OpenAPI document", async () => {
    expect((await api("trader", "GET", "/api/v1/positions")).status).toBe(200);
    const limits = await api("trader", "GET", "/api/v1/risk/limits");
    expect(limits.status).toBe(200);
    expect(((await limits.json()) as { killSwitch: KillSwitchState }).killSwitch.active).toBe(false);
    expect((await api("trader", "PUT", "/api/v1/risk/limits", { dailyLossLimit: 5000 })).status).toBe(403);
    expect((await api("risk", "GET", "/api/v1/risk/audit")).status).toBe(200);
  });

  it("kill switch: every socket hears it within 1 s, working orders cancelled, next submit RISK_REJECTED", async () => {
    const resting = (await (await api("trader", "POST", "/api/v1/orders", limitBuy())).json()) as Order;
    const canceled = next(sockets.trader!, "orders:updated", (os) =>
      os.some((o) => o.orderId === resting.orderId && o.status === "CANCELED"),
    );
    const start = performance.now();
    const heard = Object.entries(sockets).map(([who, s]) =>
      next(s, "risk:kill-switch", (k) => k.active).then(() => [who, performance.now() - start] as const),
    );
    const res = await api("risk", "POST", "/api/v1/risk/kill-switch", { reason: "fat finger drill" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ active: true, reason: "fat finger drill" });
    const latencies = await Promise.all(heard);
    const worst = Math.max(...latencies.map(([, ms]) => ms));
    console.warn(
      `[measure] kill-switch broadcast latency (POST start → socket), worst of ${latencies.length}: ${worst.toFixed(1)} ms`,
    );
    expect(worst).toBeLessThan(1000);
    await canceled;
    const refused = await api("trader", "POST", "/api/v1/orders", limitBuy());
    expect(refused.status).toBe(403);
    const err = ((await refused.json()) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe("RISK_REJECTED");
    expect(err.message).toMatch(/kill switch/i);
    // remembered for sockets that connect later (sent on connect)
    expect(bff.services.stream.killSwitch?.active).toBe(true);
    const cleared = next(sockets.trader!, "risk:kill-switch", (k) => !k.active);
    const off = await api("risk", "POST", "/api/v1/risk/kill-switch/deactivate", { reason: "drill over" });
    expect(off.status).toBe(200);
    await cleared;
  });

  it("services down → 503 UPSTREAM_UNAVAILABLE, immediate once the breaker is open; back up → recovers", async () => {
    await control.services(false);
    try {
      const first = await api("trader", "GET", "/api/v1/orders");
      expect(first.status).toBe(503);
      expect(await first.json()).toMatchObject({
        error: {
          code: "UPSTREAM_UNAVAILABLE",
          message: "order manager unavailable",
          details: { service: "order-manager" },
        },
      });
      await until(() => bff.services.orderManager.status().state === "open");
      const t0 = performance.now();
      const fast = await api("trader", "POST", "/api/v1/orders", limitBuy());
      const ms = performance.now() - t0;
      console.warn(`[measure] 503 with the breaker open answered in ${ms.toFixed(1)} ms`);
      expect(fast.status).toBe(503);
      expect(ms).toBeLessThan(100);
      const risk = await api("trader", "GET", "/api/v1/risk/limits");
      expect(risk.status).toBe(503);
      expect(await risk.json()).toMatchObject({ error: { details: { service: "risk" } } });
    } finally {
      await control.services(true);
    }
    await until(async () => (await api("trader", "GET", "/api/v1/orders")).status === 200, 5000);
    await until(() => bff.services.stream.link === "live", 5000);
    expect(bff.services.orderManager.status().state).toBe("closed");
  });
});
