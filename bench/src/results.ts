/** What a run produces: per-target results and the whole report, as written to bench/results/<timestamp>.json. */
import type { LatencySummary } from "./histogram.ts";
import type { MemoryPoint, WaveGrowth } from "./memory.ts";
import type { WebSizeReport } from "./web-size.ts";
import type { FrameProbeReport } from "./frame-probe.ts";

export type TargetKind = "raw" | "bff";

export interface TargetResult {
  target: TargetKind;
  label: string;
  ok: boolean;
  error?: string;
  clientsRequested: number;
  clientsConnected: number;
  connectFailures: number;
  connectErrors: string[];
  connectSeconds: number;
  disconnectsDuringRun: number;
  measureSeconds: number;
  /** Upstream frames that named an asset, per second, as seen by the probe during the window. */
  upstreamMsgsPerSec: number;
  /** sim → a direct raw consumer (the orchestrator's probe): the latency floor. */
  upstreamLatency: LatencySummary;
  /** Whole-machine CPU busy % (all cores, all processes, including other users) during the window. */
  machineBusyPct: number;
  loadavgAfter: number;
  /** Σ over clients of the upstream messages for that client's assets: what an unconflated relay would deliver. */
  expectedUpdates: number;
  delivered: number;
  deliveredPerSec: number;
  deliveredPerClientPerSec: number;
  perClientMinPerSec: number;
  perClientMaxPerSec: number;
  /** socket.io events (bff) or ws frames (raw) received by the clients. */
  messagesPerSec: number;
  /** expected − delivered: coalesced by conflation (bff) or dropped/backlogged (raw). */
  notDeliveredDerived: number;
  /** From the target's own counters over the window (bff: quotesConflated; raw: dropped by the slow-client guard). */
  conflatedReported: number | null;
  deliveredReported: number | null;
  skippedFlushesReported: number | null;
  /** Upstream link cuts during the window (raw: producer closed the relay as a slow consumer; bff: reconnects). */
  upstreamCuts: number | null;
  targetStatsDelta: Record<string, number>;
  latency: LatencySummary;
  /** bff only: client receive − BFF `receivedAt`. */
  bffInternalLatency?: LatencySummary;
  clientLoopDelayMs: { p50: number; p99: number; max: number };
  cpu: { avg: number; max: number };
  clientCpu: { avg: number; max: number };
  simCpu: { avg: number; max: number };
  /** afterClientsLeft/growth: wave 1; peak: over every wave. */
  rssMb: { beforeClients: number; peak: number; afterClientsLeft: number; growth: number };
  /** Before clients and after each wave left (absent when the target failed). */
  memory?: MemoryPoint[];
  /** After the last wave left vs after wave 1 left; null with one wave. */
  memoryGrowth?: WaveGrowth | null;
  waves?: WaveSummary[];
}

/** One client wave; the table's traffic figures are wave 1's, later waves repeat the same load. */
export interface WaveSummary {
  wave: number;
  clientsConnected: number;
  connectSeconds: number;
  deliveredPerSec: number;
  latencyP50: number;
  latencyP99: number;
  cpuAvg: number;
  rssPeakMb: number;
  rssAfterMb: number;
}

export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; model: string; memGb: number; node: string; platform: string; loadavg: number[] };
  caveat: string;
  options: Record<string, unknown>;
  calibration: { targetMsgsPerSec: number; rate: number; measuredMsgsPerEvent: number | null; note: string };
  targets: TargetResult[];
  ratios: Record<string, number | null>;
  web: WebSizeReport;
  /** Front-end long tasks and frame times (absent with --no-frames). */
  frames?: FrameProbeReport;
}
