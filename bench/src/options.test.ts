import { describe, expect, it } from "vitest";
import { parseOptions, timeBudgetS, wavesFor, type BenchOptions } from "./options.ts";

const parse = (...argv: string[]) => parseOptions(argv) as BenchOptions;

describe("parseOptions", () => {
  it("defaults to the full run", () => {
    expect(parse()).toEqual({
      clients: 500,
      assetsPerClient: 20,
      assets: 100,
      targetMsgs: 20_000,
      rate: undefined,
      duration: 20,
      warmup: 5,
      conflationMs: 50,
      maxBuffered: 1 << 20,
      connectBatch: 50,
      seed: 1,
      targets: ["raw", "bff"],
      waves: 2,
      buildWeb: false,
      quick: false,
      frames: true,
      frameSeconds: 20,
    });
  });

  it("--no-frames skips the frame probe; --frame-seconds sets its window and the time budget grows with it", () => {
    expect(parse("--no-frames").frames).toBe(false);
    const short = parse("--frame-seconds", "5");
    expect(short.frameSeconds).toBe(5);
    expect(timeBudgetS(parse("--frame-seconds", "60")) - timeBudgetS(short)).toBe(55);
    expect(timeBudgetS(parse("--no-frames"))).toBeLessThan(timeBudgetS(parse()));
  });

  it("applies the --quick preset, and explicit flags win over it", () => {
    const o = parse("--quick", "--clients", "20");
    expect(o).toMatchObject({ quick: true, clients: 20, targetMsgs: 5000, duration: 5, warmup: 2 });
  });

  it("reads --rate, --targets (unknown names dropped) and --build-web", () => {
    const o = parse("--rate=9000", "--targets", "bff, nope", "--build-web");
    expect(o).toMatchObject({ rate: 9000, targets: ["bff"], buildWeb: true });
  });

  it("returns help for --help and -h style --h", () => {
    expect(parseOptions(["--help"])).toBe("help");
    expect(parseOptions(["--h"])).toBe("help");
  });

  it("rejects a negative or non-numeric value", () => {
    expect(() => parse("--clients", "-3")).toThrow(/--clients/);
    expect(() => parse("--duration", "abc")).toThrow(/--duration/);
  });

  it("runs at least one wave, and waves only the BFF", () => {
    expect(parse("--waves", "0").waves).toBe(1);
    const o = parse("--waves", "3");
    expect([wavesFor(o, "bff"), wavesFor(o, "raw")]).toEqual([3, 1]);
  });
});

describe("timeBudgetS", () => {
  it("grows with targets, BFF waves, window and --build-web", () => {
    const frames = 240 + 20;
    expect(timeBudgetS(parse())).toBe(90 + 3 * (5 + 20 + 110) + frames);
    expect(timeBudgetS(parse("--waves", "1", "--no-frames"))).toBe(90 + 2 * 135);
    expect(timeBudgetS(parse("--targets", "raw", "--waves", "4", "--no-frames"))).toBe(90 + 135);
    expect(timeBudgetS(parse("--targets", "bff", "--build-web"))).toBe(90 + 2 * 135 + 120 + frames);
  });
});
