/** Splitting clients over load processes and merging what they measured (pure). */
import { Histogram } from "./histogram.ts";
import type { ChildMessage, LoadReport } from "./load-clients.ts";

type Connected = Extract<ChildMessage, { evt: "connected" }>;

/** Load processes for `clients` clients: one per `perWorker` (rounded up), at least 1, at most `max`. */
export function workersFor(clients: number, perWorker: number, max: number): number {
  return Math.max(1, Math.min(max, Math.ceil(clients / Math.max(1, perWorker))));
}

/** Contiguous, near-equal slices (sizes differ by at most one), in order; no empty slice. */
export function splitSets<T>(sets: readonly T[], parts: number): T[][] {
  const n = Math.max(1, Math.min(parts, sets.length));
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const size = Math.floor(sets.length / n) + (i < sets.length % n ? 1 : 0);
    out.push(sets.slice(at, at + size));
    at += size;
  }
  return out;
}

export function mergeConnected(parts: readonly Connected[]): Connected {
  return {
    evt: "connected",
    connected: parts.reduce((a, p) => a + p.connected, 0),
    failed: parts.reduce((a, p) => a + p.failed, 0),
    ms: Math.max(0, ...parts.map((p) => p.ms)),
    errors: [...new Set(parts.flatMap((p) => p.errors))].slice(0, 5),
  };
}

/** One report for the whole pool: counts summed, histograms merged, the window the longest, loop delay the worst. */
export function mergeReports(parts: readonly LoadReport[]): LoadReport {
  const merge = (pick: (r: LoadReport) => LoadReport["latency"]) =>
    parts.reduce((h, r) => h.merge(Histogram.deserialize(pick(r))), new Histogram()).serialize();
  const sum = (pick: (r: LoadReport) => number) => parts.reduce((a, r) => a + pick(r), 0);
  const withClients = parts.filter((r) => r.perClient.n > 0);
  const worst = (pick: (r: LoadReport) => number) => {
    const v = parts.map(pick).filter(Number.isFinite);
    return v.length ? Math.max(...v) : Number.NaN;
  };
  return {
    seconds: Math.max(0, ...parts.map((r) => r.seconds)),
    clients: sum((r) => r.clients),
    disconnects: sum((r) => r.disconnects),
    updates: sum((r) => r.updates),
    messages: sum((r) => r.messages),
    perClient: {
      min: withClients.length ? Math.min(...withClients.map((r) => r.perClient.min)) : 0,
      max: withClients.length ? Math.max(...withClients.map((r) => r.perClient.max)) : 0,
      sum: sum((r) => r.perClient.sum),
      n: sum((r) => r.perClient.n),
    },
    latency: merge((r) => r.latency),
    relayLatency: merge((r) => r.relayLatency),
    loopDelay: {
      p50: worst((r) => r.loopDelay.p50),
      p99: worst((r) => r.loopDelay.p99),
      max: worst((r) => r.loopDelay.max),
    },
  };
}
