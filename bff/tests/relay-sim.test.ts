import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSimControl, startSim, type RunningSim, type SimControl } from "@pregao/sim";
import { MAX_SUBSCRIPTIONS_PER_SOCKET, type Quote } from "@pregao/contracts";
import type { RunningBff } from "../src/server.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "./helpers/clients.ts";
import { login } from "./helpers/session.ts";

describe("relay against the real simulator", () => {
  let sim: RunningSim;
  let control: SimControl;
  let bff: RunningBff;
  const sockets: ClientSocket[] = [];
  const client = async () => {
    const s = await connect(bff.url);
    sockets.push(s);
    return s;
  };
  /** A logged-in (trader) API GET. */
  const api = async (path: string) =>
    fetch(`${bff.url}${path}`, { headers: { cookie: await login(bff.url, "trader") } });
  const upstreamSubscribes = () => bff.feed.stats.snapshot().messages.subscribed ?? 0;

  // The sim verifies the BFF's market-data JWTs against the BFF's JWKS, resolved lazily (the BFF starts second).
  const jwksUrl = () => `${bff.url}/.well-known/jwks.json`;

  beforeEach(async () => {
    sim = await startSim({ heartbeatMs: 100, rate: 400, assets: 114, seed: 7, jwksUrl });
    control = createSimControl(sim.controlUrl, "dev-control-token");
    bff = await startTestBff(sim.feedUrl, undefined);
    await until(() => bff.feed.catalog.known);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await bff.close();
    await sim.close();
  });

  /** Every instrument, paging through `/api/v1/instruments` (one bounded page per call). */
  const allInstruments = async (): Promise<string[]> => {
    const out: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await api(`/api/v1/instruments?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { instruments: { asset: string }[]; nextCursor: string | null };
      expect(page.instruments.length).toBeLessThanOrEqual(100);
      out.push(...page.instruments.map((i) => i.asset));
      cursor = page.nextCursor;
    }
    return out;
  };

  it("serves the instrument list and acks a snapshot, then streams quotes:updated", async () => {
    expect(await allInstruments()).toHaveLength(114);
    const s = await client();
    const ack = await call(s, "quotes:subscribe", { assets: ["PETR4:B", "VALE3:B"] });
    expect(ack.ok).toBe(true);
    expect(ack.data.quotes.map((q: Quote) => q.asset)).toEqual(["PETR4:B", "VALE3:B"]);
    expect(ack.data.quotes[0].bid).toBeLessThan(ack.data.quotes[0].ask);
    const updates = await next(s, "quotes:updated");
    expect(updates.length).toBeGreaterThan(0);
    expect(new Set(updates.map((q) => q.asset)).size).toBe(updates.length);
  });

  it("streams trades and book views", async () => {
    const s = await client();
    expect((await call(s, "trades:subscribe", { assets: ["PETR4:B"] })).ok).toBe(true);
    const book = await call(s, "book:subscribe", { assets: ["PETR4:B"] });
    expect(book.data.books[0].bids.length).toBeLessThanOrEqual(10);
    const batch = await next(s, "trades:added");
    expect(batch[0]?.asset).toBe("PETR4:B");
    const views = await next(s, "book:updated");
    expect(views[0]?.bids.length).toBeLessThanOrEqual(10);
  });

  it("shares one upstream subscription between two clients", async () => {
    const [a, b] = [await client(), await client()];
    await call(a, "quotes:subscribe", { assets: ["ITUB4:B"] });
    const before = upstreamSubscribes();
    const ack = await call(b, "quotes:subscribe", { assets: ["ITUB4:B"] });
    expect(ack.data.quotes).toHaveLength(1); // from BFF state, no upstream round trip
    expect(upstreamSubscribes()).toBe(before);
    // Two holders in the hub's record, one upstream consumer (the hub's quotes channel).
    expect(bff.realtime.hub.holderCount("quotes", "ITUB4:B")).toBe(2);
    expect(bff.feed.subscriptions.refCount("ITUB4:B")).toBe(1);
    a.disconnect();
    await until(() => bff.realtime.hub.holderCount("quotes", "ITUB4:B") === 1);
    expect(bff.feed.subscriptions.refCount("ITUB4:B")).toBe(1);
    await next(b, "quotes:updated", (qs) => qs.some((q) => q.asset === "ITUB4:B"));
  });

  it("detects a sequence gap, resyncs and keeps streaming", async () => {
    const s = await client();
    await call(s, "quotes:subscribe", { assets: ["PETR4:B"] });
    await control.skipSeq(3);
    await until(() => bff.feed.stats.gaps >= 1 && bff.feed.stats.resyncs >= 1);
    await next(s, "quotes:updated");
  });

  it("drop + refuse: link down and breaker open; refuse off: live again and quotes resume", async () => {
    const s = await client();
    await call(s, "quotes:subscribe", { assets: ["PETR4:B"] });
    const opened = next(s, "feed:status", (st) => st.breaker.state === "open" && st.link.state === "down");
    await control.refuse(true);
    await control.drop();
    const status = await opened;
    expect(status.breaker.lastError).toMatch(/401|refused/);
    const ready = await fetch(`${bff.url}/health/ready`);
    expect(ready.headers.get("content-type")).toContain("application/health+json");
    await until(async () => (await fetch(`${bff.url}/health/ready`)).status === 503);
    const live = next(s, "feed:status", (st) => st.link.state === "live" && st.breaker.state === "closed");
    await control.refuse(false);
    await live;
    expect(bff.feed.stats.reconnects).toBeGreaterThanOrEqual(1);
    await next(s, "quotes:updated", (qs) => qs.some((q) => q.receivedAt > Date.now() - 500));
    expect((await fetch(`${bff.url}/health/ready`)).status).toBe(200);
  });

  it("sim killed: breaker opens; a new sim on the same port: reconnects and resyncs by itself", async () => {
    const s = await client();
    await call(s, "quotes:subscribe", { assets: ["PETR4:B"] });
    const port = sim.port;
    const opened = next(s, "feed:status", (st) => st.breaker.state === "open" && st.link.state === "down");
    await sim.close();
    await opened;
    sim = await startSim({ port, heartbeatMs: 100, rate: 400, assets: 114, seed: 8, jwksUrl });
    await next(s, "feed:status", (st) => st.link.state === "live" && st.breaker.state === "closed", 10_000);
    await next(s, "quotes:updated", (qs) =>
      qs.some((q) => q.asset === "PETR4:B" && q.receivedAt > Date.now() - 500),
    );
  });

  it("counts malformed frames and survives", async () => {
    const s = await client();
    await call(s, "quotes:subscribe", { assets: ["PETR4:B"] });
    await control.malformed(2);
    await until(() => bff.feed.stats.malformed >= 2);
    await next(s, "quotes:updated");
    const stats = (await (await api("/api/v1/stats")).json()) as {
      upstream: { malformed: number };
    };
    expect(stats.upstream.malformed).toBeGreaterThanOrEqual(2);
  });

  it("acks errors for bad input and keeps the socket connected", async () => {
    const s = await client();
    const bad = await call(s, "quotes:subscribe", { assets: [42] });
    expect(bad.error).toMatchObject({ code: "VALIDATION_FAILED", field: "assets.0" });
    expect((await call(s, "book:subscribe", { assets: ["ZZZZ9:B"] })).error).toMatchObject({
      code: "UNKNOWN_ASSET",
    });
    expect((await call(s, "orders:place", { x: 1 })).error.code).toBe("UNKNOWN_EVENT");
    const list = await allInstruments();
    const first = list.slice(0, MAX_SUBSCRIPTIONS_PER_SOCKET);
    expect((await call(s, "trades:subscribe", { assets: first })).ok).toBe(true);
    const over = await call(s, "trades:subscribe", { assets: [list[MAX_SUBSCRIPTIONS_PER_SOCKET]] });
    expect(over.error.code).toBe("TOO_MANY_SUBSCRIPTIONS");
    expect((await call(s, "quotes:subscribe", { assets: ["PETR4:B"] })).ok).toBe(true);
    expect(s.connected).toBe(true);
  });

  it("answers /health/live and /health/ready, and the error envelope for unknown routes", async () => {
    expect((await fetch(`${bff.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${bff.url}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: Record<string, unknown> };
    expect(Object.keys(body.checks)).toEqual(
      expect.arrayContaining([
        "feed",
        "feed:breaker",
        "profitdll:marketData",
        "order-manager",
        "session-store",
      ]),
    );
    const missing = await fetch(`${bff.url}/api/v1/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: { code: "NOT_FOUND", requestId: expect.any(String) },
    });
  });
});
