import { describe, expect, it } from "vitest";
import { growthAcrossWaves, type MemoryPoint } from "./memory.ts";

const gc = (heapUsedMb: number) => ({
  rssMb: 0,
  heapUsedMb,
  heapTotalMb: 0,
  externalMb: 0,
  arrayBuffersMb: 0,
});
const point = (at: string, rssMb: number, heap: number | null): MemoryPoint => ({
  at,
  rssMb,
  gc: heap === null ? null : gc(heap),
  clientsHeld: 0,
});

describe("growthAcrossWaves", () => {
  it("needs two waves", () => {
    expect(
      growthAcrossWaves([point("before clients", 100, 20), point("after wave 1 left", 240, 25)]),
    ).toBeNull();
  });

  it("compares the last wave with the first, not with before clients: a high but flat plateau is no growth", () => {
    const g = growthAcrossWaves([
      point("before clients", 100, 20),
      point("after wave 1 left", 240, 25),
      point("after wave 2 left", 250, 25.5),
    ]);
    expect(g).toMatchObject({ from: "after wave 1 left", to: "after wave 2 left", noGrowth: true });
    expect(g!.rss.mb).toBeCloseTo(10);
    expect(g!.heapUsed!.pct).toBeCloseTo(2);
  });

  it("flags heap growth per wave even when RSS stays flat", () => {
    const g = growthAcrossWaves([
      point("after wave 1 left", 240, 25),
      point("after wave 2 left", 241, 30),
      point("after wave 3 left", 242, 35),
    ]);
    expect(g).toMatchObject({ to: "after wave 3 left", noGrowth: false });
    expect(g!.heapUsed!.pct).toBeCloseTo(40);
  });

  it("judges on RSS alone without heap readings, and never claims no growth from a missing RSS", () => {
    expect(
      growthAcrossWaves([point("after wave 1 left", 200, null), point("after wave 2 left", 260, null)]),
    ).toMatchObject({ heapUsed: null, noGrowth: false });
    expect(
      growthAcrossWaves([point("after wave 1 left", 200, 1), point("after wave 2 left", NaN, 1)]),
    ).toMatchObject({ noGrowth: false });
  });
});
