import { describe, expect, it } from "vitest";
import type { Candle } from "@pregao/contracts";
import {
  exchangeOffsetMs,
  formingAction,
  mergePages,
  snapToTick,
  toChartBar,
  toChartTime,
  toVolumeBar,
  withForming,
} from "./candles.ts";

const bar = (time: number, close = 10, over: Partial<Candle> = {}): Candle => ({
  time,
  open: 10,
  high: Math.max(10, close),
  low: Math.min(10, close),
  close,
  volume: 100,
  trades: 1,
  ...over,
});

// 2026-03-02 10:05 São Paulo = 13:05 UTC
const T = Date.UTC(2026, 2, 2, 13, 5);

describe("candle mapping", () => {
  it("shifts bar times to São Paulo wall time in seconds (the chart's axis is UTC)", () => {
    expect(exchangeOffsetMs(T)).toBe(-3 * 3_600_000);
    expect(new Date(toChartTime(T) * 1000).toISOString()).toBe("2026-03-02T10:05:00.000Z");
  });
  it("puts a 1D bar (00:00 São Paulo) on its own date", () => {
    const day = Date.UTC(2026, 2, 2, 3, 0); // 00:00 BRT
    expect(new Date(toChartTime(day) * 1000).toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });
  it("maps OHLC and colours volume by the bar's direction", () => {
    expect(toChartBar(bar(T, 11))).toEqual({ time: toChartTime(T), open: 10, high: 11, low: 10, close: 11 });
    expect(toVolumeBar(bar(T, 11))).toEqual({ time: toChartTime(T), value: 100, up: true });
    expect(toVolumeBar(bar(T, 9)).up).toBe(false);
  });
});

describe("paging merge", () => {
  it("joins pages (newest first) into one ascending series", () => {
    const newest = { candles: [bar(3000), bar(4000)] };
    const older = { candles: [bar(1000), bar(2000)] };
    expect(mergePages([newest, older]).map((c) => c.time)).toEqual([1000, 2000, 3000, 4000]);
  });
  it("keeps one bar per time, the newer page's copy", () => {
    const newest = { candles: [bar(2000, 12), bar(3000)] };
    const older = { candles: [bar(1000), bar(2000, 11)] };
    const merged = mergePages([newest, older]);
    expect(merged.map((c) => c.time)).toEqual([1000, 2000, 3000]);
    expect(merged[1]!.close).toBe(12);
  });
  it("is empty with no pages", () => expect(mergePages([])).toEqual([]));
});

describe("forming bar", () => {
  const history = [bar(1000), bar(2000, 10)];
  it("replaces the last bar when it is the same bar", () => {
    expect(formingAction(history.at(-1), bar(2000, 12))).toBe("replace");
    expect(withForming(history, bar(2000, 12)).map((c) => [c.time, c.close])).toEqual([
      [1000, 10],
      [2000, 12],
    ]);
  });
  it("appends a newer bar", () => {
    expect(formingAction(history.at(-1), bar(3000))).toBe("append");
    expect(withForming(history, bar(3000)).map((c) => c.time)).toEqual([1000, 2000, 3000]);
    expect(formingAction(undefined, bar(3000))).toBe("append");
  });
  it("ignores a bar older than the last (a late update of a closed bar)", () => {
    expect(formingAction(history.at(-1), bar(1000, 99))).toBe("ignore");
    expect(withForming(history, bar(1000, 99))).toBe(history);
  });
  it("leaves history alone without a forming bar", () =>
    expect(withForming(history, undefined)).toBe(history));
});

describe("snapToTick", () => {
  it("rounds a clicked price to the nearest tick", () => {
    expect(snapToTick(37.2849, 0.01)).toBe(37.28);
    expect(snapToTick(128_452, 5)).toBe(128_450);
    expect(snapToTick(5.0151, 0.5)).toBe(5);
    expect(snapToTick(37.286, undefined)).toBe(37.29);
  });
});
