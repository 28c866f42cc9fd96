/** The headline numbers and ratios of a run, from its series and idle-memory reading (pure). */
import { ratio } from "./capacity.ts";
import type { Headline, IdleMemory, SeriesKey, SeriesResult } from "./results.ts";

/** Today's capacity per instance (issue 11): 500 clients at 84 % of a core, p99 73 ms. */
export const TODAY_CLIENTS = 500;
export const TARGETS = {
  /** Capacity per instance ≥ 2× today's. */
  capacityClients: 2 * TODAY_CLIENTS,
  /** BFF CPU per delivered update ≤ 1.5× the floor's. */
  cpuVsFloor: 1.5,
  /** Heap per idle authenticated socket ≤ 10 KB. */
  idleHeapKb: 10,
} as const;

const find = (series: readonly SeriesResult[], key: SeriesKey) => series.find((s) => s.key === key);

/**
 * CPU per update is compared at one client count: the floor runs one step, at the BFF's capacity (or the BFF's first
 * step), so both numbers come from the same load.
 */
export function headlineOf(
  series: readonly SeriesResult[],
  idle: IdleMemory | { error: string } | null,
): Headline {
  const bff = find(series, "bff");
  const floorStep = find(series, "floor")?.steps[0];
  const bffStep = floorStep ? bff?.steps.find((s) => s.clients === floorStep.clients) : undefined;
  const cap = (key: SeriesKey) => find(series, key)?.capacity.clients ?? null;
  const idleOk = idle && "heapKbPerSocket" in idle ? idle : null;
  return {
    bffCapacity: cap("bff"),
    naiveCapacity: cap("naive"),
    capacityVsNaive: ratio(cap("bff"), cap("naive")),
    cpuAtClients: floorStep?.clients ?? null,
    bffCpuUsPerUpdate: bffStep?.cpuUsPerUpdate ?? null,
    floorCpuUsPerUpdate: floorStep?.cpuUsPerUpdate ?? null,
    cpuVsFloor: ratio(bffStep?.cpuUsPerUpdate, floorStep?.cpuUsPerUpdate),
    idleHeapKbPerSocket: idleOk?.heapKbPerSocket ?? null,
    idleRssKbPerSocket: idleOk?.rssKbPerSocket ?? null,
    gateway1Capacity: cap("gateway-1"),
    gateway2Capacity: cap("gateway-2"),
    scaling: ratio(cap("gateway-2"), cap("gateway-1")),
  };
}

/** The client count the floor is measured at: the BFF's capacity, or its first step when even that failed. */
export function floorClients(bff: SeriesResult): number | null {
  const c = bff.capacity.clients;
  if (c) return c;
  return bff.steps[0]?.clients ?? null;
}

/** Where a gateway series starts: the largest ladder step at or below half of a known capacity. */
export function gatewayStart(ladder: readonly number[], knownCapacity: number | null): number {
  const sorted = [...ladder].sort((a, b) => a - b);
  if (!knownCapacity) return sorted[0] ?? 0;
  const below = sorted.filter((n) => n <= knownCapacity / 2);
  return below.at(-1) ?? sorted[0] ?? 0;
}
