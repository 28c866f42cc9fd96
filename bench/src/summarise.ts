/** Turns one target's raw measurements (clients' report, probe window, counters, samples) into a TargetResult. */
import os from "node:os";
import { pick } from "./counters.ts";
import type { WindowCounts } from "./feed-probe.ts";
import { Histogram, mean } from "./histogram.ts";
import type { ChildMessage, LoadReport } from "./load-clients.ts";
import type { TargetKind, TargetResult } from "./results.ts";
import type { Sample, Sampler } from "./sampler.ts";

export type Connected = Extract<ChildMessage, { evt: "connected" }>;

export interface TargetMeasurements {
  kind: TargetKind;
  label: string;
  clientsRequested: number;
  rep: LoadReport;
  conn: Connected;
  window: WindowCounts;
  sets: string[][];
  statsDelta: Record<string, number>;
  sampler: Sampler;
}

export const cpuStats = (xs: Pick<Sample, "cpu">[]) => ({
  avg: mean(xs.map((s) => s.cpu)),
  max: xs.length ? Math.max(...xs.map((s) => s.cpu)) : Number.NaN,
});

export function summarise(m: TargetMeasurements): TargetResult {
  const { kind, rep, conn, window, statsDelta, sampler } = m;
  const seconds = rep.seconds;
  const connectedSets = m.sets.slice(0, rep.clients);
  // Scale the probe's window to the clients' window (they start/stop within a few ms of each other).
  const scale = seconds / window.seconds;
  const expected =
    connectedSets.reduce(
      (acc, set) => acc + set.reduce((a, asset) => a + (window.perAsset[asset] ?? 0), 0),
      0,
    ) * scale;
  const measure = sampler.of("target", "measure");
  const allTarget = sampler.of("target");
  const conflated = kind === "bff" ? pick(statsDelta, "quotesConflated") : pick(statsDelta, "dropped");
  return {
    target: kind,
    label: m.label,
    ok: true,
    clientsRequested: m.clientsRequested,
    clientsConnected: conn.connected,
    connectFailures: conn.failed,
    connectErrors: conn.errors,
    connectSeconds: conn.ms / 1000,
    disconnectsDuringRun: rep.disconnects,
    measureSeconds: seconds,
    upstreamMsgsPerSec: window.total / window.seconds,
    upstreamLatency: window.latency,
    machineBusyPct: Number.NaN,
    loadavgAfter: os.loadavg()[0]!,
    expectedUpdates: expected,
    delivered: rep.updates,
    deliveredPerSec: rep.updates / seconds,
    deliveredPerClientPerSec: rep.perClient.mean / seconds,
    perClientMinPerSec: rep.perClient.min / seconds,
    perClientMaxPerSec: rep.perClient.max / seconds,
    messagesPerSec: rep.messages / seconds,
    notDeliveredDerived: Math.max(0, expected - rep.updates),
    conflatedReported: conflated,
    deliveredReported: kind === "bff" ? pick(statsDelta, "quotesDelivered") : pick(statsDelta, "forwarded"),
    skippedFlushesReported: kind === "bff" ? pick(statsDelta, "skippedFlushes") : null,
    upstreamCuts: kind === "bff" ? pick(statsDelta, "reconnects") : pick(statsDelta, "upstreamDisconnects"),
    targetStatsDelta: statsDelta,
    latency: Histogram.deserialize(rep.latency).summary(),
    ...(rep.bffLatency ? { bffInternalLatency: Histogram.deserialize(rep.bffLatency).summary() } : {}),
    clientLoopDelayMs: rep.loopDelay,
    cpu: cpuStats(measure),
    clientCpu: cpuStats(sampler.of("clients", "measure")),
    simCpu: cpuStats(sampler.of("sim", "measure")),
    rssMb: {
      beforeClients: Number.NaN,
      peak: allTarget.length ? Math.max(...allTarget.map((s) => s.rssMb)) : Number.NaN,
      afterClientsLeft: Number.NaN,
      growth: Number.NaN,
    },
  };
}

/** The result of a target that could not be run: every figure NaN, the error kept. */
export function failed(
  kind: TargetKind,
  label: string,
  clientsRequested: number,
  error: string,
): TargetResult {
  const nan = Number.NaN;
  const lat = { count: 0, min: nan, mean: nan, p50: nan, p90: nan, p99: nan, p999: nan, max: nan };
  return {
    target: kind,
    label,
    ok: false,
    error,
    clientsRequested,
    clientsConnected: 0,
    connectFailures: 0,
    connectErrors: [],
    connectSeconds: nan,
    disconnectsDuringRun: 0,
    measureSeconds: nan,
    upstreamMsgsPerSec: nan,
    upstreamLatency: lat,
    machineBusyPct: nan,
    loadavgAfter: os.loadavg()[0]!,
    expectedUpdates: nan,
    delivered: 0,
    deliveredPerSec: nan,
    deliveredPerClientPerSec: nan,
    perClientMinPerSec: nan,
    perClientMaxPerSec: nan,
    messagesPerSec: nan,
    notDeliveredDerived: nan,
    conflatedReported: null,
    deliveredReported: null,
    skippedFlushesReported: null,
    upstreamCuts: null,
    targetStatsDelta: {},
    latency: lat,
    clientLoopDelayMs: { p50: nan, p99: nan, max: nan },
    cpu: { avg: nan, max: nan },
    clientCpu: { avg: nan, max: nan },
    simCpu: { avg: nan, max: nan },
    rssMb: { beforeClients: nan, peak: nan, afterClientsLeft: nan, growth: nan },
  };
}
