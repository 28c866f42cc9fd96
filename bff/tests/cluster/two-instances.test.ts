import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import type { KillSwitchState, Order, Quote } from "@pregao/contracts";
import { call, next, until, type ClientSocket } from "../helpers/clients.ts";
import { api, DRAIN, loginOn, socketOn, startCluster, type ClusterStack, type Instance } from "./harness.ts";

const ACCOUNT = { brokerId: 308, accountId: "10001" };
const ASSET = "PETR4:B";

/**
 * A browser tab through the gateway, pinned to `pin` by the stickiness cookie, that behaves like the SPA
 * (web/src/stream): on `server:draining` it reconnects after the delay it was given, it reconnects after a server
 * disconnect, and it re-subscribes its quotes on every connect.
 */
function gatewayTab(stack: ClusterStack, cookie: string, pin: Instance) {
  const socket: ClientSocket = io(stack.origin, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    ca: stack.ca.toString(),
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    extraHeaders: { cookie: `${cookie}; pregao_node=${pin.id}`, origin: stack.origin },
  });
  const quotesAt: number[] = [];
  let connects = 0;
  socket.on("connect", () => {
    connects++;
    void call(socket, "quotes:subscribe", { assets: [ASSET] });
  });
  socket.on("quotes:updated", () => quotesAt.push(Date.now()));
  socket.on("server:draining", ({ reconnectInMs }) =>
    setTimeout(() => {
      socket.disconnect();
      socket.connect();
    }, reconnectInMs),
  );
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") socket.connect();
  });
  return {
    socket,
    quotesAt,
    get connects() {
      return connects;
    },
  };
}

describe("two BFF processes sharing Redis behind the gateway", () => {
  let stack: ClusterStack;
  let a: Instance;
  let b: Instance;
  let price = 0;

  beforeAll(async () => {
    stack = await startCluster(2);
    [a, b] = stack.instances as [Instance, Instance];
    const cookie = await loginOn(a, "trader");
    const s = await socketOn(stack, a, cookie);
    const ack = await call(s, "quotes:subscribe", { assets: [ASSET] });
    const q = ack.data.quotes[0] as Quote;
    price = Math.round(((q.bid ?? q.last ?? 30) - 0.3) * 100) / 100;
    s.disconnect();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  }, 30_000);

  const limitBuy = (over: Record<string, unknown> = {}) => ({
    account: ACCOUNT,
    asset: ASSET,
    side: "BUY",
    type: "LIMIT",
    quantity: 100,
    price,
    timeInForce: "DAY",
    idempotencyKey: randomUUID(),
    ...over,
  });

  it("an order placed on A appears in the trader's blotter on B", async () => {
    const cookie = await loginOn(a, "trader");
    const onB = await socketOn(stack, b, cookie);
    const seen: Order[] = [];
    onB.on("orders:updated", (orders) => seen.push(...orders));
    const res = await api(stack, a, cookie, "POST", "/api/v1/orders", limitBuy());
    expect(res.status).toBe(201);
    const order = (await res.json()) as Order;
    await until(() => seen.some((o) => o.orderId === order.orderId), 5000);
    // Exactly once per event: A does not relay what B already receives from the order manager.
    await new Promise((r) => setTimeout(r, 300));
    const statuses = seen.filter((o) => o.orderId === order.orderId).map((o) => o.status);
    expect(new Set(statuses).size).toBe(statuses.length);
    onB.disconnect();
  });

  it("the kill switch pulled on A reaches a trader on B in under 1 s", async () => {
    const trader = await loginOn(b, "trader");
    const risk = await loginOn(a, "risk");
    const onB = await socketOn(stack, b, trader);
    const heard = next(onB, "risk:kill-switch", (k: KillSwitchState) => k.active, 5000);
    const start = performance.now();
    const res = await api(stack, a, risk, "POST", "/api/v1/risk/kill-switch", { reason: "cluster drill" });
    expect(res.status).toBe(200);
    await heard;
    const ms = performance.now() - start;
    console.warn(`[measure] kill switch A → trader socket on B: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    const cleared = next(onB, "risk:kill-switch", (k: KillSwitchState) => !k.active, 5000);
    const off = await api(stack, a, risk, "POST", "/api/v1/risk/kill-switch/deactivate", {
      reason: "drill over",
    });
    expect(off.status).toBe(200);
    await cleared;
    onB.disconnect();
  });

  it("logout on A ends that session's sockets on B (session:ended, then disconnect)", async () => {
    const cookie = await loginOn(a, "trader");
    const other = await loginOn(a, "trader");
    const onB = await socketOn(stack, b, cookie);
    const bystander = await socketOn(stack, b, other);
    const ended = next(onB, "session:ended", () => true, 3000);
    const closed = new Promise<string>((r) => onB.once("disconnect", r));
    const start = performance.now();
    const res = await api(stack, a, cookie, "POST", "/api/v1/auth/logout", {});
    expect(res.status).toBe(204);
    expect((await ended).reason).toBe("LOGGED_OUT");
    expect(await closed).toBe("io server disconnect");
    console.warn(`[measure] logout on A → socket on B closed: ${(performance.now() - start).toFixed(0)} ms`);
    expect(bystander.connected).toBe(true);
    bystander.disconnect();
  });

  it("the ops snapshot on either instance shows both instances and the fleet totals", async () => {
    const ops = await loginOn(a, "risk");
    const s = await socketOn(stack, b, ops);
    const ack = await call(s, "ops:subscribe", {});
    const fleetOf = (snap: { fleet: { members: { instanceId: string }[] } }) =>
      snap.fleet.members.map((m) => m.instanceId);
    let snapshot = ack.data.snapshot;
    if (fleetOf(snapshot).length < 2)
      snapshot = (await next(s, "ops:updated", (u) => u.snapshot.fleet.members.length === 2, 5000)).snapshot;
    expect(fleetOf(snapshot)).toEqual(["node-2", "node-1"]);
    expect(snapshot.fleet.totals.instances).toBe(2);
    expect(snapshot.fleet.totals.sockets).toBeGreaterThanOrEqual(1);
    s.disconnect();
  });

  it("Redis restarted (empty): sessions are clearly ended, then cross-instance events resume", async () => {
    const cookie = await loginOn(a, "trader");
    const onB = await socketOn(stack, b, cookie);
    const ended = next(onB, "session:ended", () => true, 15_000);
    await stack.restartRedis();
    // The session was in Redis, which keeps nothing on disk: the socket is told it ended, not left half-alive.
    expect((await ended).reason).toBe("REVOKED");
    const gone = await api(stack, a, cookie, "GET", "/api/v1/session");
    expect(gone.status).toBe(401);
    // Logging in again works once both instances have reconnected, and a logout on A again ends the socket on B.
    const again = await until(() => loginOn(a, "trader").catch(() => null), 15_000);
    const onB2 = await socketOn(stack, b, again);
    const ended2 = next(onB2, "session:ended", () => true, 5000);
    expect((await api(stack, a, again, "POST", "/api/v1/auth/logout", {})).status).toBe(204);
    expect((await ended2).reason).toBe("LOGGED_OUT");
  }, 60_000);

  it("SIGTERM on A: readiness 503 at once, its clients stream from B within 5 s, an order in flight completes once", async () => {
    const cookie = await loginOn(b, "trader");
    const tabs = Array.from({ length: 6 }, () => gatewayTab(stack, cookie, a));
    await until(() => tabs.every((t) => t.quotesAt.length > 0), 10_000);
    // An order in flight on A when the signal arrives.
    const body = limitBuy({ quantity: 300 }); // a quantity no other test uses: the order is findable below
    const inFlight = api(stack, a, cookie, "POST", "/api/v1/orders", body);
    const sigterm = Date.now();
    a.kill("SIGTERM");
    // Readiness fails as soon as the signal is handled (the gateway and the orchestrator stop choosing A).
    await until(async () => (await fetch(`${a.url}/health/ready`)).status === 503, 1000);
    console.warn(`[measure] SIGTERM → A's readiness 503: ${Date.now() - sigterm} ms`);
    const placed = await inFlight;
    expect(placed.status, await placed.clone().text()).toBe(201);
    const order = (await placed.json()) as Order;
    // Every tab is back on B with quotes flowing, within 5 s of the signal.
    await until(
      () => tabs.every((t) => t.quotesAt.some((at) => at > sigterm + 200) && t.connects >= 2),
      5000,
    );
    const movedMs = Math.max(...tabs.map((t) => t.quotesAt.find((at) => at > sigterm + 200)! - sigterm));
    console.warn(`[measure] SIGTERM → last of ${tabs.length} tabs streaming from B: ${movedMs} ms`);
    expect(await a.exited).toBe(0);
    console.warn(
      `[measure] SIGTERM → A exited: ${Date.now() - sigterm} ms (bound ${DRAIN.timeoutMs} ms + close)`,
    );
    // The browser did not see the 201 (say): it retries with the same key, now on B → the same order, not a second.
    const retry = await api(stack, b, cookie, "POST", "/api/v1/orders", body);
    expect([200, 201]).toContain(retry.status);
    expect(((await retry.json()) as Order).orderId).toBe(order.orderId);
    const list = (await (await api(stack, b, cookie, "GET", "/api/v1/orders")).json()) as { orders: Order[] };
    expect(list.orders.filter((o) => o.quantity === 300)).toHaveLength(1);
    for (const t of tabs) t.socket.disconnect();
  }, 30_000);
});
