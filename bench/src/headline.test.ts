import { describe, expect, it } from "vitest";
import { floorClients, gatewayStart, headlineOf } from "./headline.ts";
import type { IdleMemory } from "./results.ts";
import { series, step } from "./step-fixtures.ts";

const idle: IdleMemory = {
  requested: 1000,
  connected: 1000,
  held: 1000,
  before: { rssMb: 100, heapUsedMb: 20, heapTotalMb: 30, externalMb: 2, arrayBuffersMb: 1 },
  after: { rssMb: 110, heapUsedMb: 27, heapTotalMb: 40, externalMb: 2, arrayBuffersMb: 1 },
  heapKbPerSocket: 7.168,
  rssKbPerSocket: 10.24,
};

describe("headlineOf", () => {
  it("gives capacities, CPU per update at the floor's client count, and every ratio", () => {
    const h = headlineOf(
      [
        series("bff", [step(400, true), step(600, true, { cpuUsPerUpdate: 4.5 }), step(800, false)]),
        series("floor", [step(600, true, { cpuUsPerUpdate: 3 })]),
        series("naive", [step(10, true), step(25, false)]),
        series("gateway-1", [step(400, true), step(600, false)]),
        series("gateway-2", [step(400, true), step(600, true), step(800, false)]),
      ],
      idle,
    );
    expect(h).toEqual({
      bffCapacity: 600,
      naiveCapacity: 10,
      capacityVsNaive: 60,
      cpuAtClients: 600,
      bffCpuUsPerUpdate: 4.5,
      floorCpuUsPerUpdate: 3,
      cpuVsFloor: 1.5,
      idleHeapKbPerSocket: 7.168,
      idleRssKbPerSocket: 10.24,
      gateway1Capacity: 400,
      gateway2Capacity: 600,
      scaling: 1.5,
    });
  });

  it("leaves out what did not run, and a naive capacity of 0 gives no ratio", () => {
    const h = headlineOf([series("bff", [step(100, true)]), series("naive", [step(10, false)])], {
      error: "x",
    });
    expect(h).toMatchObject({ bffCapacity: 100, naiveCapacity: 0, capacityVsNaive: null, cpuVsFloor: null });
    expect(h.idleHeapKbPerSocket).toBeNull();
    expect(h.scaling).toBeNull();
  });
});

describe("where the floor and the gateway series start", () => {
  it("the floor runs at the BFF's capacity, or at its first step when even that failed", () => {
    expect(floorClients(series("bff", [step(100, true), step(200, false)]))).toBe(100);
    expect(floorClients(series("bff", [step(100, false)]))).toBe(100);
    expect(floorClients(series("bff", []))).toBeNull();
  });

  it("the gateway starts at the largest step at or below half the direct capacity", () => {
    const ladder = [100, 200, 400, 600, 800];
    expect(gatewayStart(ladder, 800)).toBe(400);
    expect(gatewayStart(ladder, 500)).toBe(200);
    expect(gatewayStart(ladder, 100)).toBe(100);
    expect(gatewayStart(ladder, null)).toBe(100);
  });
});
