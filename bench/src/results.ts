/** What a run produces (bench/results/<timestamp>.json): every capacity step, the series, idle memory, the headline. */
import type { GcMemory } from "./heap-probe.ts";
import type { LatencySummary } from "./histogram.ts";
import type { MachineInfo } from "./machine.ts";
import type { Capacity } from "./step-search.ts";
import type { WebSizeReport } from "./web-size.ts";

/** One client count against one target: connect → warm-up → measurement window → leave. */
export interface StepResult {
  /** Clients requested. */
  clients: number;
  connected: number;
  connectErrors: string[];
  connectSeconds: number;
  disconnects: number;
  /** Measurement window (s). */
  seconds: number;
  updates: number;
  updatesPerSec: number;
  messagesPerSec: number;
  perClientPerSec: { min: number; max: number; mean: number };
  /** Tick-to-client: now at the client − the tick's exchange time from the sim. */
  latency: LatencySummary;
  /** BFF and floor: now − receivedAt (inside the relay plus the socket). */
  relayLatency: LatencySummary | null;
  /** Asset messages per second the sim produced (one direct consumer, all assets). */
  upstreamMsgsPerSec: number;
  /** CPU seconds per process over the window: the target's, `sim`, `load gen` (all workers), `orchestrator`. */
  cpuSeconds: Record<string, number>;
  /** CPU seconds of the processes that serve the clients (the BFFs, nginx, the relay). */
  servingCpuSeconds: number;
  /** servingCpuSeconds ÷ updates, µs. */
  cpuUsPerUpdate: number;
  loadWorkers: number;
  /** Worst event-loop delay p99 over the load processes (ms). */
  loadLoopDelayP99: number;
  /** Whole machine, every process (others' work too). */
  machineBusyPct: number;
  pass: boolean;
  reasons: string[];
}

export type SeriesKey = "bff" | "floor" | "naive" | "gateway-1" | "gateway-2";

export interface SeriesResult {
  key: SeriesKey;
  label: string;
  ok: boolean;
  error?: string;
  steps: StepResult[];
  capacity: Capacity;
}

/** Heap and RSS an idle authenticated socket costs the BFF (after a forced full GC at both ends). */
export interface IdleMemory {
  requested: number;
  connected: number;
  /** Sockets the BFF held at the second reading. */
  held: number | null;
  before: GcMemory;
  after: GcMemory;
  heapKbPerSocket: number;
  rssKbPerSocket: number;
}

/** The numbers the issue asks for, with their ratios. */
export interface Headline {
  bffCapacity: number | null;
  naiveCapacity: number | null;
  capacityVsNaive: number | null;
  /** The client count BFF and floor CPU per update are compared at. */
  cpuAtClients: number | null;
  bffCpuUsPerUpdate: number | null;
  floorCpuUsPerUpdate: number | null;
  cpuVsFloor: number | null;
  idleHeapKbPerSocket: number | null;
  idleRssKbPerSocket: number | null;
  gateway1Capacity: number | null;
  gateway2Capacity: number | null;
  scaling: number | null;
}

export interface BenchReport {
  startedAt: string;
  commit: string;
  durationSeconds: number;
  machine: MachineInfo;
  loadavgAtEnd: number[];
  /** Why the run ended early, when it did. */
  note?: string;
  options: Record<string, unknown>;
  calibration: { targetMsgsPerSec: number; rate: number; measuredMsgsPerEvent: number | null; note: string };
  series: SeriesResult[];
  idle: IdleMemory | { error: string } | null;
  headline: Headline;
  web: WebSizeReport;
}
