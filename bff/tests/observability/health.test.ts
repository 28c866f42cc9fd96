import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningBff } from "../../src/server.ts";
import { startTestBff, until } from "../helpers/clients.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";

interface Ready {
  status: string;
  output?: string;
  checks: Record<string, Array<{ status: string; output?: string; observedValue?: unknown }>>;
}

/** A fake order manager: GET /health answers healthy and is counted; `stop()` closes the port. */
async function fakeOrderManager() {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === "/health") hits++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "healthy" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const ready = async (bff: RunningBff): Promise<{ code: number; body: Ready; type: string | null }> => {
  const res = await fetch(`${bff.url}/health/ready`);
  return { code: res.status, body: (await res.json()) as Ready, type: res.headers.get("content-type") };
};

describe("/health/ready over real sockets", () => {
  let feed: FakeFeed;
  let bff: RunningBff | undefined;
  beforeAll(async () => {
    feed = await FakeFeed.start();
  });
  afterAll(() => feed.close());
  afterEach(async () => {
    await bff?.close();
    bff = undefined;
  });

  it("answers every concurrent request from the cache: zero extra order-manager requests", async () => {
    const om = await fakeOrderManager();
    try {
      bff = await startTestBff(feed.url, "t", {
        ORDER_MANAGER_URL: om.url,
        HEALTH_PROBE_MS: 60_000,
        READY_MAX_FEED_AGE_MS: 60_000,
      });
      const b = bff;
      await until(async () => (await ready(b)).body.checks["order-manager"]?.[0]?.status === "pass");
      const before = om.hits();
      expect(before).toBe(2); // one round: order-manager and risk (RISK_URL defaults to the same service)
      const all = await Promise.all(Array.from({ length: 100 }, () => ready(b)));
      expect(all.every((r) => r.code === 200 && r.type === "application/health+json")).toBe(true);
      expect(om.hits()).toBe(before);
      const keys = Object.keys(all[0]!.body.checks);
      for (const k of [
        "feed",
        "feed:breaker",
        "profitdll:marketData",
        "order-manager",
        "risk",
        "order-stream",
        "session-store",
      ])
        expect(keys).toContain(k);
      expect(keys).not.toContain("redis"); // no REDIS_URL
    } finally {
      await om.stop();
    }
  });

  it("order manager down → 200 warn naming trading as unavailable, with the runbook", async () => {
    const om = await fakeOrderManager();
    bff = await startTestBff(feed.url, "t", {
      ORDER_MANAGER_URL: om.url,
      HEALTH_PROBE_MS: 100,
      HEALTH_PROBE_TIMEOUT_MS: 200,
      READY_MAX_FEED_AGE_MS: 60_000,
    });
    const b = bff;
    await until(async () => (await ready(b)).body.checks["order-manager"]?.[0]?.status === "pass");
    await om.stop();
    const r = await until(async () => {
      const x = await ready(b);
      return x.body.checks["order-manager"]?.[0]?.status === "fail" ? x : null;
    });
    expect(r.code).toBe(200);
    expect(r.body.status).toBe("warn");
    expect(r.body.output).toMatch(/trading unavailable: order-manager fail \(ECONNREFUSED\)/);
    expect(r.body.checks["order-manager"]![0]!.output).toContain(
      "runbook: /runbooks/order-manager-down-or-slow#checks",
    );
  });

  it("feed silent longer than READY_MAX_FEED_AGE_MS → 503 with the reason", async () => {
    bff = await startTestBff(feed.url, "t", {
      READY_MAX_FEED_AGE_MS: 400,
      FEED_STALE_MS: 200,
      FEED_DEAD_MS: 60_000, // stays stale: no reconnect refreshes the data age
    });
    const b = bff;
    await until(() => b.feed.client.link.state === "live");
    const r = await until(async () => {
      const x = await ready(b);
      return x.code === 503 ? x : null;
    });
    expect(r.body.status).toBe("fail");
    expect(r.body.checks.feed![0]!.status).toBe("fail");
    expect(r.body.output).toMatch(
      /^market data unavailable: feed fail \(no feed message for \d+\.\d s; link stale/,
    );
  });

  it("session Redis down → 503 (critical); the limiter Redis on the same URL shows as redis fail", async () => {
    bff = await startTestBff(feed.url, "t", {
      REDIS_URL: "redis://127.0.0.1:1",
      HEALTH_PROBE_MS: 100,
      HEALTH_PROBE_TIMEOUT_MS: 200,
      READY_MAX_FEED_AGE_MS: 60_000,
    });
    const b = bff;
    const r = await until(async () => {
      const x = await ready(b);
      return x.body.checks["session-store"]?.[0]?.status === "fail" ? x : null;
    });
    expect(r.code).toBe(503);
    expect(r.body.output).toContain("sessions unavailable: session-store fail");
    expect(r.body.checks.redis![0]!.status).toBe("fail");
  });

  it("passes session-store and redis against a real Redis", async () => {
    bff = await startTestBff(feed.url, "t", {
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: `pregao-test-${process.pid}:`,
      HEALTH_PROBE_MS: 100,
      READY_MAX_FEED_AGE_MS: 60_000,
    });
    const b = bff;
    const r = await until(async () => {
      const x = await ready(b);
      return x.body.checks["session-store"]?.[0]?.status === "pass" &&
        x.body.checks.redis?.[0]?.status === "pass"
        ? x
        : null;
    });
    expect(r.code).toBe(200);
  });

  it("/health/live reports the event-loop lag", async () => {
    bff = await startTestBff(feed.url, "t");
    const res = await fetch(`${bff.url}/health/live`);
    const body = (await res.json()) as Ready;
    expect(res.status).toBe(200);
    expect(body.checks["eventloop:lag"]![0]).toMatchObject({
      status: "pass",
      observedValue: expect.any(Number),
    });
  });
});
