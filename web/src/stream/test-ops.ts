import {
  opsSampleSchema,
  opsSnapshotSchema,
  type DependencyCheck,
  type OpsSample,
  type OpsSnapshot,
} from "@pregao/contracts";

/** A healthy ops snapshot at `at`, parsed by the contracts schema (tests only); override any field. */
export function fakeSnapshot(at: number, over: Partial<OpsSnapshot> = {}): OpsSnapshot {
  const check = (name: DependencyCheck["name"], critical: boolean): DependencyCheck => ({
    name,
    status: "pass",
    output: null,
    checkedAt: at - 2000,
    latencyMs: name === "feed" ? null : 3.2,
    breaker:
      name === "redis" || name === "session-store"
        ? null
        : { state: "closed", since: at - 60_000, lastError: null },
    critical,
    runbook: null,
  });
  return opsSnapshotSchema.parse({
    at,
    readiness: { status: "pass", reasons: [] },
    checks: [
      check("feed", true),
      check("order-manager", false),
      check("risk", false),
      check("order-stream", false),
      check("session-store", true),
    ],
    feed: {
      link: { state: "live", since: at - 120_000 },
      breaker: { state: "closed", since: at - 120_000, lastError: null },
      profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
      lastMessageAt: at - 40,
      serverTime: at,
      staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
    },
    counters: { messagesTotal: 120_000, malformed: 0, gaps: 1, resyncs: 1, reconnects: 0 },
    feedMsgsPerS: 412.5,
    connected: { sockets: 3, sessions: 2, traders: 1 },
    fleet: {
      self: "bff-1",
      members: [
        {
          instanceId: "bff-1",
          at,
          status: "pass",
          draining: false,
          feedLink: { state: "live", since: at - 120_000 },
          feedMsgsPerS: 412.5,
          connected: { sockets: 3, sessions: 2, traders: 1 },
          emitP99Ms: 6.4,
        },
        {
          instanceId: "bff-2",
          at: at - 300,
          status: "pass",
          draining: false,
          feedLink: { state: "live", since: at - 100_000 },
          feedMsgsPerS: 410,
          connected: { sockets: 2, sessions: 2, traders: 1 },
          emitP99Ms: 7.1,
        },
      ],
      totals: { instances: 2, ready: 2, sockets: 5, sessions: 4, traders: 2, feedMsgsPerS: 822.5 },
    },
    emitLatency: { p50: 1.2, p90: 2.8, p99: 6.4, count: 5000 },
    serviceLatency: { "order-manager": { p50: 4, p90: 9, p99: 21, count: 40 } },
    panelRunbook: "/runbooks/health-panel",
    ...over,
  });
}

/** `n` samples ending at `end`, one every `stepMs`. */
export function fakeHistory(end: number, n: number, stepMs = 5000): OpsSample[] {
  return Array.from({ length: n }, (_, i) =>
    opsSampleSchema.parse({
      at: end - (n - 1 - i) * stepMs,
      feedMsgsPerS: 400 + (i % 5) * 10,
      dataAgeMs: 30 + (i % 3) * 10,
      emitP50Ms: 1,
      emitP99Ms: 5 + (i % 4),
      serviceP99Ms: i % 2 === 0 ? 20 : null,
      sockets: 2 + (i % 2),
      gaps: 1,
      resyncs: 1,
    }),
  );
}
