import { describe, expect, it } from "vitest";
import { Histogram, Registry } from "prom-client";
import { opsSnapshotSchema, opsUpdateSchema, type FeedStatus } from "@pregao/contracts";
import { HealthMonitor } from "./health-monitor.ts";
import { HistogramWindow } from "./histogram-window.ts";
import { LatencyWindow } from "./latency-window.ts";
import { Ring } from "./ops-history.ts";
import { HISTORY_SAMPLES, OpsService } from "./ops-service.ts";

const feed: FeedStatus = {
  link: { state: "live", since: 0 },
  breaker: { state: "closed", since: 0, lastError: null },
  profitDll: { login: 0, routing: 2, marketData: 4, activation: 0 },
  lastMessageAt: Date.now(),
  serverTime: Date.now(),
  staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
};

function setup() {
  const stats = { messagesTotal: 0, malformed: 0, gaps: 0, resyncs: 0, reconnects: 0 };
  const service = new Histogram({
    name: "s_seconds",
    help: "s",
    labelNames: ["service", "outcome"],
    buckets: [0.01, 0.1],
    registers: [new Registry()],
  });
  const emit = new LatencyWindow();
  const health = new HealthMonitor({
    feedStatus: () => feed,
    maxFeedAgeMs: 60_000,
    probes: [],
    probeMs: 1000,
    timeoutMs: 100,
    runbookBase: "/runbooks",
  });
  const ops = new OpsService(
    {
      feedStatus: () => feed,
      stats,
      health,
      connected: () => ({ sockets: 3, sessions: 2, traders: 1 }),
      emitLatency: emit,
      serviceLatency: new HistogramWindow(service, "service"),
      runbookBase: "/runbooks/",
    },
    5000,
  );
  return { stats, service, emit, ops };
}

describe("OpsService", () => {
  it("builds snapshots and updates that validate against the contracts", async () => {
    const { stats, service, emit, ops } = setup();
    stats.messagesTotal = 50;
    emit.observe(12);
    service.labels("order-manager", "ok").observe(0.005);
    await ops.sample();
    const snap = ops.snapshot();
    expect(opsSnapshotSchema.parse(snap)).toEqual(snap);
    expect(snap).toMatchObject({
      connected: { sockets: 3, sessions: 2, traders: 1 },
      emitLatency: { p50: 12, count: 1 },
      panelRunbook: "/runbooks/health-panel",
      readiness: { status: "pass" },
    });
    expect(snap.serviceLatency["order-manager"]?.count).toBe(1);
    const first = ops.update();
    expect(opsUpdateSchema.parse(first).sample).not.toBeNull();
    expect(ops.update().sample).toBeNull(); // a sample is pushed once
  });

  it("derives feed msgs/s from message-count deltas between samples", async () => {
    const { stats, ops } = setup();
    await ops.sample(1_000_000);
    stats.messagesTotal += 500;
    const s = await ops.sample(1_005_000);
    expect(s.feedMsgsPerS).toBe(100);
    expect(ops.snapshot().feedMsgsPerS).toBe(100);
  });

  it("keeps 15 minutes of samples (a ring of 180), oldest first", async () => {
    const { ops } = setup();
    for (let i = 0; i < HISTORY_SAMPLES + 20; i++) await ops.sample(1_000_000 + i * 5000);
    const samples = ops.samples();
    expect(samples).toHaveLength(180);
    expect(samples[0]!.at).toBe(1_000_000 + 20 * 5000);
    expect(samples.at(-1)!.at).toBe(1_000_000 + 199 * 5000);
  });
});

describe("Ring", () => {
  it("drops the oldest past capacity", () => {
    const r = new Ring<number>(3);
    for (const n of [1, 2, 3, 4, 5]) r.push(n);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.newest()).toBe(5);
  });
});
