/** Step and series results for the report and headline tests. */
import type { SeriesResult, StepResult } from "./results.ts";
import { capacityOf } from "./step-search.ts";

/** A step at `clients`; a failing one has p99 300 ms. */
export function step(clients: number, pass: boolean, over: Partial<StepResult> = {}): StepResult {
  const lat = { count: 100, min: 1, mean: 20, p50: 20, p90: 40, p99: pass ? 60 : 300, p999: 80, max: 90 };
  return {
    clients,
    connected: clients,
    connectErrors: [],
    connectSeconds: 2,
    disconnects: 0,
    seconds: 10,
    updates: clients * 4000,
    updatesPerSec: clients * 400,
    messagesPerSec: clients * 20,
    perClientPerSec: { min: 390, max: 410, mean: 400 },
    latency: lat,
    relayLatency: lat,
    upstreamMsgsPerSec: 20_000,
    cpuSeconds: { bff: 5, sim: 3, "load gen": 4, orchestrator: 0.2 },
    servingCpuSeconds: 5,
    cpuUsPerUpdate: 3,
    loadWorkers: 1,
    loadLoopDelayP99: 12,
    machineBusyPct: 70,
    pass,
    reasons: pass ? [] : ["p99 300 ms > 100 ms"],
    ...over,
  };
}

/** A series whose capacity follows from its steps. */
export function series(key: SeriesResult["key"], steps: StepResult[], label: string = key): SeriesResult {
  return { key, label, ok: true, steps, capacity: capacityOf(steps) };
}
