import { vi } from "vitest";

/** A stand-in for lightweight-charts (canvas does not render in jsdom): records what the panel hands the library. */
export class FakeSeries {
  data: unknown[] = [];
  updates: Array<{ time: number; close?: number; value?: number }> = [];
  lines = new Set<{ options: { price: number; title: string } }>();
  options: Record<string, unknown> = {};
  constructor(readonly type: string) {}
  setData(d: unknown[]) {
    this.data = d;
  }
  update(b: { time: number }) {
    this.updates.push(b);
  }
  createPriceLine(options: { price: number; title: string }) {
    const line = {
      options: { ...options },
      applyOptions: (o: Partial<typeof options>) => Object.assign(line.options, o),
    };
    this.lines.add(line);
    return line;
  }
  removePriceLine(line: { options: { price: number; title: string } }) {
    this.lines.delete(line);
  }
  applyOptions(o: Record<string, unknown>) {
    Object.assign(this.options, o);
  }
  priceScale() {
    return { applyOptions: () => undefined };
  }
  /** The fake's y coordinate is the price itself. */
  coordinateToPrice(y: number) {
    return y;
  }
}

type Handler = (arg: never) => void;

export class FakeChart {
  series: FakeSeries[] = [];
  crosshair: Handler | null = null;
  click: Handler | null = null;
  range: Handler | null = null;
  removed = false;
  options: Record<string, unknown> = {};
  applyOptions(o: Record<string, unknown>) {
    Object.assign(this.options, o);
  }
  addSeries(def: { type: string }) {
    const s = new FakeSeries(def.type);
    this.series.push(s);
    return s;
  }
  priceScale() {
    return { applyOptions: () => undefined };
  }
  subscribeCrosshairMove(h: Handler) {
    this.crosshair = h;
  }
  unsubscribeCrosshairMove() {
    this.crosshair = null;
  }
  subscribeClick(h: Handler) {
    this.click = h;
  }
  unsubscribeClick() {
    this.click = null;
  }
  timeScale() {
    return {
      subscribeVisibleLogicalRangeChange: (h: Handler) => (this.range = h),
      unsubscribeVisibleLogicalRangeChange: () => (this.range = null),
      scrollToRealTime: () => undefined,
    };
  }
  remove() {
    this.removed = true;
  }
  get candles() {
    return this.series.find((s) => s.type === "Candlestick")!;
  }
  get volume() {
    return this.series.find((s) => s.type === "Histogram")!;
  }
}

export const charts: FakeChart[] = [];

export const fakeLightweightCharts = () => ({
  createChart: vi.fn(() => {
    const c = new FakeChart();
    charts.push(c);
    return c;
  }),
  CandlestickSeries: { type: "Candlestick" },
  HistogramSeries: { type: "Histogram" },
  LineStyle: { Solid: 0, Dashed: 2 },
});
