import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type LogicalRange,
  type MouseEventParams,
  type UTCTimestamp,
} from "lightweight-charts";
import type { Candle } from "@pregao/contracts";
import { formatLocale, formatPrice, formatQuantity } from "../../lib/format.ts";
import { toChartBar, toChartTime, toVolumeBar, type ChartBar } from "./candles.ts";
import type { PriceLineSpec } from "./price-lines.ts";

/** Colours from theme.css (canvas cannot use CSS variables): read when the chart is made and on every theme change. */
export interface ChartTheme {
  bg: string;
  text: string;
  grid: string;
  border: string;
  up: string;
  down: string;
  accent: string;
}

export function readTheme(el: Element): ChartTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v("--panel", "#12161c"),
    text: v("--text-muted", "#8b96a3"),
    grid: v("--border", "#232a33"),
    border: v("--border-strong", "#313a46"),
    up: v("--up", "#26a69a"),
    down: v("--down", "#ef5350"),
    accent: v("--warn", "#f0b429"),
  };
}

export interface CandleChartHandlers {
  /** The bar under the crosshair, or null when the pointer leaves the bars. */
  onHover(candle: Candle | null): void;
  /** The price under a click on the plot. */
  onPricePick(price: number): void;
  /** The user scrolled close to the oldest bar loaded. */
  onNearOldest(): void;
}

/** Bars from the left edge at which older history is asked for. */
const NEAR_OLDEST_BARS = 20;

/** Candles + volume in one lightweight-charts instance; the panel's only contact with the library. */
export class CandleChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<"Candlestick">;
  private readonly volume: ISeriesApi<"Histogram">;
  private readonly lines = new Map<string, IPriceLine>();
  private readonly byTime = new Map<number, Candle>();
  private lineSpecs: readonly PriceLineSpec[] = [];
  private tick: number | undefined;

  constructor(
    container: HTMLElement,
    private theme: ChartTheme,
    private readonly handlers: CandleChartHandlers,
  ) {
    this.chart = createChart(container, {
      autoSize: true, // a ResizeObserver on the container
      // The logo needs inline CSS (refused by the CSP); the panel's toolbar credits TradingView instead.
      layout: { attributionLogo: false },
      timeScale: { timeVisible: true, secondsVisible: false },
      localization: { locale: formatLocale() }, // the active language at creation; setLocale follows a switch
    });
    this.chart.applyOptions(chartColours(theme)); // deep-merged, unlike a spread into the options above
    this.candles = this.chart.addSeries(CandlestickSeries, {
      ...candleColours(theme),
      borderVisible: false,
      lastValueVisible: true,
      priceLineVisible: true, // the last-price line
    });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceScaleId: "volume",
      priceFormat: { type: "custom", formatter: (v: number) => formatQuantity(v) },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.chart.subscribeClick(this.onClick);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRange);
  }

  /** The light or dark theme switched: re-colour the canvas, the candles, the volume bars and the price lines. */
  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.chart.applyOptions(chartColours(theme));
    this.candles.applyOptions(candleColours(theme));
    this.volume.setData([...this.byTime.values()].map((c) => this.volumeBar(c)));
    this.setPriceLines(this.lineSpecs);
  }

  /** Price axis and legend in the instrument's tick decimals, in the active locale's number format. */
  setTick(tick: number | undefined): void {
    this.tick = tick;
    const formatter = (p: number) => formatPrice(p, tick);
    this.candles.applyOptions({ priceFormat: { type: "custom", formatter, minMove: tick ?? 0.01 } });
  }

  /**
   * The language switched: the time axis and crosshair dates take the new locale, and the price and volume axes are
   * re-formatted (new formatter functions make the library redraw their labels).
   */
  setLocale(locale: string): void {
    this.chart.applyOptions({ localization: { locale } });
    this.setTick(this.tick);
    this.volume.applyOptions({
      priceFormat: { type: "custom", formatter: (v: number) => formatQuantity(v) },
    });
  }

  /** Daily bars: the axis and crosshair show dates only (a daily bar's 00:00 open time means nothing). */
  setDaily(daily: boolean): void {
    this.chart.applyOptions({ timeScale: { timeVisible: !daily } });
  }

  /** Replace every bar (a new asset, interval or history page). */
  setHistory(candles: readonly Candle[]): void {
    this.byTime.clear();
    for (const c of candles) this.byTime.set(toChartTime(c.time), c);
    this.candles.setData(candles.map((c) => asBar(toChartBar(c))));
    this.volume.setData(candles.map((c) => this.volumeBar(c)));
  }

  /** The forming bar: replaces the last bar or appends after it (the caller drops bars older than the last). */
  updateForming(c: Candle): void {
    this.byTime.set(toChartTime(c.time), c);
    this.candles.update(asBar(toChartBar(c)));
    this.volume.update(this.volumeBar(c));
  }

  /** Orders and average prices: lines are moved or retitled in place, created and removed by key. */
  setPriceLines(specs: readonly PriceLineSpec[]): void {
    this.lineSpecs = specs;
    const keep = new Set(specs.map((s) => s.key));
    for (const [key, line] of this.lines)
      if (!keep.has(key)) {
        this.candles.removePriceLine(line);
        this.lines.delete(key);
      }
    for (const s of specs) {
      const color =
        s.kind === "buy" ? this.theme.up : s.kind === "sell" ? this.theme.down : this.theme.accent;
      const options = {
        price: s.price,
        title: s.title,
        color,
        lineWidth: 1 as const,
        lineStyle: s.kind === "average" ? LineStyle.Solid : LineStyle.Dashed,
        axisLabelVisible: true,
      };
      const line = this.lines.get(s.key);
      if (line) line.applyOptions(options);
      else this.lines.set(s.key, this.candles.createPriceLine(options));
    }
  }

  /** Scroll to the newest bar (a new asset or interval). */
  showLatest(): void {
    this.chart.timeScale().scrollToRealTime();
  }

  dispose(): void {
    this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.unsubscribeClick(this.onClick);
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRange);
    this.chart.remove();
  }

  private volumeBar(c: Candle) {
    const v = toVolumeBar(c);
    // Volume sits under the candles, so its colour is the candle's, faded.
    return {
      time: v.time as UTCTimestamp,
      value: v.value,
      color: faded(v.up ? this.theme.up : this.theme.down),
    };
  }

  private readonly onCrosshair = (p: MouseEventParams): void => {
    this.handlers.onHover(typeof p.time === "number" ? (this.byTime.get(p.time) ?? null) : null);
  };

  private readonly onClick = (p: MouseEventParams): void => {
    if (!p.point) return;
    const price = this.candles.coordinateToPrice(p.point.y);
    if (price !== null && Number.isFinite(price)) this.handlers.onPricePick(price);
  };

  private readonly onRange = (range: LogicalRange | null): void => {
    if (range && range.from < NEAR_OLDEST_BARS) this.handlers.onNearOldest();
  };
}

const chartColours = (t: ChartTheme) => ({
  layout: { background: { color: t.bg }, textColor: t.text },
  grid: { vertLines: { color: t.grid }, horzLines: { color: t.grid } },
  rightPriceScale: { borderColor: t.border },
  timeScale: { borderColor: t.border },
});

const candleColours = (t: ChartTheme) => ({
  upColor: t.up,
  downColor: t.down,
  wickUpColor: t.up,
  wickDownColor: t.down,
});

/** A `#rrggbb` colour at 40 % opacity; other notations as they are. */
const faded = (c: string) => (/^#[0-9a-f]{6}$/i.test(c) ? `${c}66` : c);
const asBar = (b: ChartBar) => ({ ...b, time: b.time as UTCTimestamp });
