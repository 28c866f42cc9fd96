import { describe, expect, it } from "vitest";
import { parseOptions, stepBoundS, timeBudgetS, type BenchOptions } from "./options.ts";

const parse = (...argv: string[]) => parseOptions(argv) as BenchOptions;

describe("parseOptions", () => {
  it("defaults to the full run", () => {
    expect(parse()).toEqual({
      quick: false,
      steps: [100, 200, 400, 600, 800, 1000, 1200, 1500, 2000],
      naiveSteps: [10, 25, 50, 100, 200],
      bisect: true,
      series: ["bff", "floor", "naive", "gateway"],
      duration: 10,
      warmup: 3,
      idleSockets: 1000,
      targetMsgs: 20_000,
      rate: undefined,
      assets: 100,
      assetsPerClient: 20,
      conflationMs: 50,
      connectBatch: 50,
      clientsPerWorker: 250,
      maxWorkers: 4,
      seed: 1,
      maxMinutes: 13,
      buildWeb: false,
    });
  });

  it("--quick is a small smoke preset without the bisect step; explicit flags win over it", () => {
    const q = parse("--quick");
    expect(q).toMatchObject({
      steps: [50, 100],
      naiveSteps: [5, 10],
      bisect: false,
      duration: 4,
      idleSockets: 200,
    });
    expect(parse("--quick", "--duration", "7").duration).toBe(7);
  });

  it("step lists are sorted and deduplicated; bad ones are refused", () => {
    expect(parse("--steps", "400,100,100").steps).toEqual([100, 400]);
    expect(() => parse("--steps", "100,x")).toThrow(/--steps/);
    expect(() => parse("--naive-steps", "0")).toThrow(/--naive-steps/);
  });

  it("--series picks series and drops unknown names; --rate skips calibration; --help", () => {
    expect(parse("--series", "bff,naive,bogus").series).toEqual(["bff", "naive"]);
    expect(parse("--rate", "9000").rate).toBe(9000);
    expect(parseOptions(["--help"])).toBe("help");
    expect(() => parse("--duration", "-1")).toThrow();
  });
});

describe("timeBudgetS", () => {
  it("is the soft bound plus a fixed grace, and a build", () => {
    expect(timeBudgetS(parse())).toBe(13 * 60 + 120);
    expect(timeBudgetS(parse("--quick"))).toBe(8 * 60 + 120);
    expect(timeBudgetS(parse("--max-minutes", "10", "--build-web"))).toBe(600 + 120 + 120);
    expect(stepBoundS(parse())).toBe(53);
  });
});
