import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import type { BreakerView, FeedStatus } from "@pregao/contracts";
import { HealthMonitor } from "./health-monitor.ts";
import { httpHealthProbe, linkProbe, pingProbe, type Probe } from "./health-probes.ts";

const liveFeed = (): FeedStatus => ({
  link: { state: "live", since: 0 },
  breaker: { state: "closed", since: 0, lastError: null },
  profitDll: { login: 0, routing: 2, marketData: 4, activation: 0 },
  lastMessageAt: Date.now(),
  serverTime: Date.now(),
  staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
});

/** A fake order manager answering GET /health, counting requests; `mode` switches its answer. */
let om: Server;
let omUrl = "";
let omHits = 0;
let mode: "healthy" | "500" | "hang" = "healthy";
beforeAll(async () => {
  om = createServer((req, res) => {
    omHits++;
    if (mode === "hang") return; // never answers
    res.writeHead(mode === "500" ? 500 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: mode === "500" ? "broken" : "healthy" }));
  });
  await new Promise<void>((r) => om.listen(0, "127.0.0.1", r));
  omUrl = `http://127.0.0.1:${(om.address() as AddressInfo).port}`;
});
afterAll(() => {
  om.closeAllConnections();
  om.close();
});

const monitor = (probes: Probe[], feed: () => FeedStatus = liveFeed) =>
  new HealthMonitor({
    feedStatus: feed,
    maxFeedAgeMs: 1000,
    probes,
    probeMs: 60_000,
    timeoutMs: 200,
    runbookBase: "/runbooks",
  });
const sessionOk = pingProbe(
  "session-store",
  { ping: () => Promise.resolve() },
  { critical: true, runbook: "session-store-loss" },
);

describe("HealthMonitor", () => {
  it("passes with every dependency up, and flips order-manager to fail → readiness warn (trading unavailable)", async () => {
    mode = "healthy";
    const m = monitor([
      httpHealthProbe("order-manager", omUrl, { runbook: "order-manager-down-or-slow" }),
      sessionOk,
    ]);
    await m.probe();
    expect(m.readiness()).toEqual({ status: "pass", reasons: [] });
    mode = "500";
    await m.probe();
    const om = m.checks().find((c) => c.name === "order-manager")!;
    expect(om).toMatchObject({ status: "fail", output: "HTTP 500", critical: false });
    expect(om.runbook).toBe("/runbooks/order-manager-down-or-slow#checks");
    const r = m.readiness();
    expect(r.status).toBe("warn");
    expect(r.reasons).toEqual(["trading unavailable: order-manager fail (HTTP 500)"]);
  });

  it("times a hanging dependency out at the probe timeout", async () => {
    mode = "hang";
    const m = monitor([httpHealthProbe("risk", omUrl, { runbook: "order-manager-down-or-slow" }), sessionOk]);
    const t0 = Date.now();
    await m.probe();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(m.checks().find((c) => c.name === "risk")).toMatchObject({
      status: "fail",
      output: "no answer within 200 ms",
    });
    mode = "healthy";
  });

  it("runs one probe round at a time however many callers ask (single-flight)", async () => {
    mode = "healthy";
    const before = omHits;
    const m = monitor([httpHealthProbe("order-manager", omUrl, { runbook: "x" })]);
    await Promise.all(Array.from({ length: 20 }, () => m.probe()));
    expect(omHits - before).toBe(1);
    for (let i = 0; i < 50; i++) m.checks(); // reading never probes
    expect(omHits - before).toBe(1);
  });

  it("fails readiness when the session store cannot be reached (critical)", async () => {
    const m = monitor([
      pingProbe(
        "session-store",
        { ping: () => Promise.reject(new Error("ECONNREFUSED")) },
        { critical: true, runbook: "session-store-loss" },
      ),
    ]);
    await m.probe();
    expect(m.readiness()).toEqual({
      status: "fail",
      reasons: ["sessions unavailable: session-store fail (ECONNREFUSED)"],
    });
  });

  it("fails readiness when the feed has been silent longer than the threshold", () => {
    const m = monitor([sessionOk], () => ({
      ...liveFeed(),
      link: { state: "stale", since: 0 },
      lastMessageAt: Date.now() - 5000,
    }));
    const r = m.readiness();
    expect(r.status).toBe("fail");
    expect(r.reasons[0]).toMatch(
      /^market data unavailable: feed fail \(no feed message for 5\.\d s; link stale\)$/,
    );
  });

  it("shows an open service breaker on a passing probe as warn with the breaker-open runbook", async () => {
    mode = "healthy";
    const breaker: BreakerView = { state: "open", since: 1, lastError: "HTTP 503" };
    const m = monitor([
      httpHealthProbe("order-manager", omUrl, {
        runbook: "order-manager-down-or-slow",
        breaker: () => breaker,
      }),
    ]);
    await m.probe();
    expect(m.checks().find((c) => c.name === "order-manager")).toMatchObject({
      status: "warn",
      breaker,
      output: "breaker open: HTTP 503",
      runbook: "/runbooks/breaker-open#checks",
    });
  });

  it("maps the order stream's link: down → fail (non-critical), connecting → warn", async () => {
    let link: "live" | "connecting" | "down" = "down";
    const m = monitor([linkProbe("order-stream", () => link, "order-manager-down-or-slow")]);
    await m.probe();
    expect(m.checks()[1]).toMatchObject({ name: "order-stream", status: "fail", output: "stream down" });
    expect(m.readiness().status).toBe("warn");
    link = "connecting";
    await m.probe();
    expect(m.checks()[1]).toMatchObject({ status: "warn" });
  });
});

describe("pingProbe against Redis", () => {
  it("passes on a real Redis and fails (→ readiness warn for the limiter Redis) on a dead one", async () => {
    const up = new Redis("redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1 });
    const down = new Redis("redis://127.0.0.1:1", {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    down.on("error", () => undefined);
    try {
      const m = monitor([
        pingProbe("redis", down, { critical: false, runbook: "redis-down" }),
        pingProbe("session-store", up, { critical: true, runbook: "session-store-loss" }),
      ]);
      await m.probe();
      const checks = m.checks();
      expect(checks.find((c) => c.name === "session-store")?.status).toBe("pass");
      expect(checks.find((c) => c.name === "redis")).toMatchObject({
        status: "fail",
        runbook: "/runbooks/redis-down#checks",
      });
      const r = m.readiness();
      expect(r.status).toBe("warn");
      expect(r.reasons[0]).toMatch(/^rate limits per instance only: redis fail/);
    } finally {
      up.disconnect();
      down.disconnect();
    }
  });
});
