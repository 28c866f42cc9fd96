import { describe, expect, it } from "vitest";
import { series, step } from "./step-fixtures.ts";
import { headlineOf } from "./headline.ts";
import { against, renderReport } from "./report.ts";
import type { BenchReport } from "./results.ts";

function report(): BenchReport {
  const all = [
    series(
      "bff",
      [step(400, true), step(600, true, { cpuUsPerUpdate: 4.5 }), step(800, false)],
      "BFF, one process",
    ),
    series("floor", [step(600, true, { cpuUsPerUpdate: 3 })], "floor relay"),
    series("naive", [step(10, true), step(25, false)], "naive relay"),
    series("gateway-1", [], "through the gateway → 1 BFF"),
  ];
  all[3]!.ok = false;
  all[3]!.error = "nginx exited";
  return {
    startedAt: "2026-12-03T17:00:00.000Z",
    commit: "abc1234",
    durationSeconds: 600,
    machine: { cpus: 2, model: "cpu", memGb: 8, node: "20", platform: "linux", loadavg: [1, 1, 1] },
    loadavgAtEnd: [2, 1, 1],
    options: { assetsPerClient: 20, assets: 100, seed: 1, conflationMs: 50, warmup: 3, duration: 10 },
    calibration: { targetMsgsPerSec: 20_000, rate: 9000, measuredMsgsPerEvent: 2.2, note: "calibrated" },
    series: all,
    idle: null,
    headline: headlineOf(all, null),
    web: {
      status: "not-built",
      distDir: "/x",
      stale: false,
      initial: [],
      initialGzipTotal: 0,
      initialBytesTotal: 0,
      lazy: [],
      lazyGzipTotal: 0,
      css: [],
    },
  };
}

describe("renderReport", () => {
  const text = renderReport(report());
  const line = (start: string) => text.split("\n").find((l) => l.startsWith(`| ${start}`)) ?? "";

  it("puts each headline number beside its target and reading", () => {
    expect(line("BFF capacity per instance")).toMatch(
      /600 \(failed at 800\)\s*\| ≥ 1,000 \(2× today's 500\)\s*\| misses/,
    );
    expect(line("BFF ÷ floor, CPU per update")).toMatch(/1\.50×\s*\| ≤ 1\.5×\s*\| meets/);
    expect(line("BFF CPU per delivered update at 600 clients")).toContain("4.50 µs");
    expect(line("BFF capacity ÷ naive relay capacity")).toContain("60.00×");
    expect(line("through the gateway → 1 BFF: capacity")).toContain("FAILED: nginx exited");
    expect(line("scaling, 2 instances ÷ 1")).toContain("< 2× on 2 cores");
  });

  it("lists every step with its verdict, and the CPU per process per step", () => {
    expect(text).toContain("## BFF, one process");
    expect(line("800 ")).toContain("fail: p99 300 ms > 100 ms");
    expect(line("bff ")).toContain("5.0 s (50 %)");
    expect(line("load gen ")).toContain("4.0 s (40 %)");
    expect(text).toContain("no step ran: nginx exited");
    expect(text).toContain("commit abc1234");
  });
});

describe("against", () => {
  it("reads a value against its target without asserting", () => {
    expect(against(1200, 1000, "higher")).toBe("meets");
    expect(against(900, 1000, "higher")).toBe("misses");
    expect(against(1.6, 1.5, "lower")).toBe("misses");
    expect(against(null, 1, "lower")).toBe("–");
  });
});
