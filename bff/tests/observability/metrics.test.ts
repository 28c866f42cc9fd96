import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "@pregao/sim";
import type { RunningBff } from "../../src/server.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { browserHeaders, login } from "../helpers/session.ts";
import { parseProm, sum } from "./prom-text.ts";

/** Every metric the BFF declares (observability/metrics.ts), with its type. */
const expected: Record<string, "counter" | "gauge" | "histogram"> = {
  pregao_feed_messages_total: "counter",
  pregao_feed_malformed_frames_total: "counter",
  pregao_feed_sequence_gaps_total: "counter",
  pregao_feed_violations_total: "counter",
  pregao_feed_resyncs_total: "counter",
  pregao_feed_reconnects_total: "counter",
  pregao_feed_connect_failures_total: "counter",
  pregao_feed_data_age_seconds: "gauge",
  pregao_feed_link_state: "gauge",
  pregao_feed_requests_total: "counter",
  pregao_feed_asset_resubscribes_total: "counter",
  pregao_feed_assets_without_data: "gauge",
  pregao_feed_catalog_refreshes_total: "counter",
  pregao_feed_catalog_incomplete: "gauge",
  pregao_feed_oversize_frames_total: "counter",
  pregao_feed_write_stalls_total: "counter",
  pregao_feed_request_queue: "gauge",
  pregao_feed_write_buffered_bytes: "gauge",
  pregao_profitdll_connection_state: "gauge",
  pregao_breaker_state: "gauge",
  pregao_dependency_up: "gauge",
  pregao_dependency_check_duration_seconds: "histogram",
  pregao_ready: "gauge",
  pregao_db_up: "gauge",
  pregao_db_replica_lag_seconds: "gauge",
  pregao_backup_age_seconds: "gauge",
  pregao_audit_store_rows_total: "counter",
  pregao_audit_store_dropped_total: "counter",
  pregao_audit_spool_bytes: "gauge",
  pregao_audit_store_spooling: "gauge",
  pregao_socket_connections: "gauge",
  pregao_socket_sessions: "gauge",
  pregao_socket_messages_sent_total: "counter",
  pregao_realtime_updates_offered_total: "counter",
  pregao_realtime_updates_sent_total: "counter",
  pregao_realtime_trades_dropped_total: "counter",
  pregao_realtime_flushes_skipped_total: "counter",
  pregao_realtime_client_conflated_updates: "histogram",
  pregao_realtime_client_dropped_trades: "histogram",
  pregao_emit_latency_seconds: "histogram",
  pregao_http_request_duration_seconds: "histogram",
  pregao_service_call_duration_seconds: "histogram",
  pregao_rate_limit_rejections_total: "counter",
  pregao_socket_handshakes_refused_total: "counter",
  pregao_socket_subscriptions_refused_total: "counter",
  pregao_audit_queue_depth: "gauge",
  pregao_audit_records_aggregated_total: "counter",
};
const forbiddenLabels =
  /^(user|username|user_id|session|session_id|account|account_id|order|order_id|asset|ticker|id|socket|socket_id|ip)$/;

const scrape = async (bff: RunningBff, headers: Record<string, string> = {}) => {
  const res = await fetch(bff.metricsUrl, { headers });
  return { res, ...parseProm(await res.text()) };
};

describe("/metrics with real traffic (simulator feed, socket.io clients of several users)", () => {
  let sim: RunningSim;
  let bff: RunningBff;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    sim = await startSim({
      heartbeatMs: 100,
      rate: 400,
      assets: 30,
      seed: 3,
      jwksUrl: () => `${bff.url}/.well-known/jwks.json`,
    });
    bff = await startTestBff(sim.feedUrl, undefined);
    await until(() => bff.feed.catalog.known);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await bff.close();
    await sim.close();
  });

  it("is served on its own listener, apart from the app", async () => {
    expect(new URL(bff.metricsUrl).port).not.toBe(String(bff.port));
    expect((await fetch(`${bff.url}/metrics`)).status).toBe(404);
    const { res } = await scrape(bff);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("moves with traffic, names every metric with its type, and keeps labels bounded and anonymous", async () => {
    const assets = ["PETR4:B", "VALE3:B", "ITUB4:B", "BBDC4:B"];
    for (const as of ["trader", "risk", "viewer", "trader"] as const) {
      const s = await connect(bff.url, { as });
      sockets.push(s);
      expect((await call(s, "quotes:subscribe", { assets })).ok).toBe(true);
      expect((await call(s, "trades:subscribe", { assets })).ok).toBe(true);
      expect((await call(s, "book:subscribe", { assets: assets.slice(0, 2) })).ok).toBe(true);
    }
    await next(sockets[3]!, "quotes:updated");
    await next(sockets[3]!, "trades:added");
    await fetch(`${bff.url}/api/v1/instruments`); // an HTTP request for the duration histogram
    const { types, samples } = await scrape(bff);

    for (const [name, type] of Object.entries(expected)) expect(types.get(name), name).toBe(type);
    for (const [name, type] of types) {
      if (!name.startsWith("pregao_")) continue;
      expect(expected[name], `${name} is not in the expected list`).toBe(type);
      if (type === "counter") expect(name).toMatch(/_total$/);
      if (type === "histogram" && /duration|latency/.test(name)) expect(name).toMatch(/_seconds$/);
    }
    const values = new Map<string, Set<string>>();
    for (const s of samples.filter((x) => x.name.startsWith("pregao_")))
      for (const [k, v] of Object.entries(s.labels)) {
        expect(k, `${s.name} label ${k}`).not.toMatch(forbiddenLabels);
        const key = `${s.name}/${k}`;
        values.set(key, (values.get(key) ?? new Set()).add(v));
        expect(v, `${s.name}{${k}}`).not.toMatch(/:[BF]$|^(trader|viewer)$/); // no asset, no user ("risk" is also a service)
      }
    for (const [key, set] of values) expect(set.size, key).toBeLessThanOrEqual(20);

    expect(sum(samples, "pregao_feed_messages_total")).toBeGreaterThan(0);
    expect(sum(samples, "pregao_feed_messages_total", { type: "heartbeat" })).toBeGreaterThan(0);
    expect(sum(samples, "pregao_socket_connections")).toBe(4);
    expect(sum(samples, "pregao_socket_sessions")).toBe(4);
    expect(sum(samples, "pregao_realtime_updates_sent_total", { channel: "quotes" })).toBeGreaterThan(0);
    expect(
      sum(samples, "pregao_realtime_updates_offered_total", { channel: "quotes" }),
    ).toBeGreaterThanOrEqual(sum(samples, "pregao_realtime_updates_sent_total", { channel: "quotes" }));
    expect(sum(samples, "pregao_socket_messages_sent_total", { event: "quotes:updated" })).toBeGreaterThan(0);
    expect(sum(samples, "pregao_socket_messages_sent_total", { event: "feed:status" })).toBeGreaterThan(0);
    expect(sum(samples, "pregao_emit_latency_seconds_count", { channel: "quotes" })).toBeGreaterThan(0);
    expect(sum(samples, "pregao_emit_latency_seconds_count", { channel: "trades" })).toBeGreaterThan(0);
    expect(sum(samples, "pregao_feed_link_state", { state: "live" })).toBe(1);
    expect(sum(samples, "pregao_profitdll_connection_state", { type: "marketData" })).toBe(4);
    expect(sum(samples, "pregao_breaker_state", { dependency: "feed", state: "closed" })).toBe(1);
    expect(sum(samples, "pregao_breaker_state", { dependency: "order-manager", state: "closed" })).toBe(1);
    expect(sum(samples, "pregao_ready")).toBe(1);
    expect(sum(samples, "pregao_feed_data_age_seconds")).toBeLessThan(1);

    for (const s of sockets.splice(0)) s.disconnect();
    await until(() => bff.realtime.hub.stats().clients === 0);
    const after = await scrape(bff);
    expect(sum(after.samples, "pregao_realtime_client_conflated_updates_count")).toBe(4);
    expect(sum(after.samples, "pregao_socket_connections")).toBe(0);
  });
});

describe("/metrics protection and rate-limit rejections", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  beforeAll(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t", { METRICS_TOKEN: "a-long-metrics-token", RATE_SOCKET_EVENTS: 2 });
  });
  afterAll(async () => {
    await bff.close();
    await feed.close();
  });

  it("answers 401 without the bearer token and 200 with it", async () => {
    expect((await fetch(bff.metricsUrl)).status).toBe(401);
    expect((await fetch(bff.metricsUrl, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await scrape(bff, { authorization: "Bearer a-long-metrics-token" })).res.status).toBe(200);
  });

  it("counts socket events refused by the rate limit under limiter=socket", async () => {
    const s = await connect(bff.url);
    try {
      const acks = await Promise.all(Array.from({ length: 5 }, () => call(s, "connection:ping", {})));
      expect(acks.filter((a) => a.ok === false && a.error.code === "RATE_LIMITED").length).toBeGreaterThan(0);
      const { samples } = await scrape(bff, { authorization: "Bearer a-long-metrics-token" });
      expect(sum(samples, "pregao_rate_limit_rejections_total", { limiter: "socket" })).toBe(3);
    } finally {
      s.disconnect();
    }
  });
});

describe("rate-limit rejections by limiter", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  beforeAll(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t", {
      RATE_LOGIN_IP: 4,
      RATE_LOGIN_USER_FAILURES: 2,
      RATE_API_PER_MIN: 8, // anonymous login POSTs count per IP (7 here); the session GETs below per session
    });
  });
  afterAll(async () => {
    await bff.close();
    await feed.close();
  });

  const attempt = (username: string) =>
    fetch(`${bff.url}/api/v1/auth/login`, {
      method: "POST",
      headers: browserHeaders(bff.url),
      body: JSON.stringify({ username, password: "wrong-password" }),
    });

  it("counts login_user, login_ip and api refusals, each once", async () => {
    const cookie = await login(bff.url, "trader"); // IP attempt 1
    expect((await attempt("viewer")).status).toBe(401); // 2
    expect((await attempt("viewer")).status).toBe(401); // 3: viewer now locked out
    expect((await attempt("viewer")).status).toBe(429); // login_user (refused before the IP limit counts)
    expect((await attempt("risk")).status).toBe(401); // IP failure 3 (failures count, the success did not)
    expect((await attempt("nobody")).status).toBe(401); // 4: the IP's delay starts
    expect((await attempt("risk")).status).toBe(429); // login_ip
    const api = [];
    for (let i = 0; i < 9; i++)
      api.push((await fetch(`${bff.url}/api/v1/session`, { headers: { cookie } })).status);
    expect(api.at(-1)).toBe(429);
    const { samples } = await scrape(bff);
    const rejected = (limiter: string) => sum(samples, "pregao_rate_limit_rejections_total", { limiter });
    expect([rejected("login_user"), rejected("login_ip"), rejected("api")]).toEqual([1, 1, 1]);
  });
});
