import { useEffect, useRef, useState, type RefObject } from "react";
import type { Candle } from "@pregao/contracts";
import { useLocale } from "../../i18n/use-t.ts";
import { formatLocale } from "../../lib/format.ts";
import { CandleChart, readTheme } from "./candle-chart.ts";
import { formingAction, withForming } from "./candles.ts";
import type { PriceLineSpec } from "./price-lines.ts";

export interface CandleChartInput {
  /** Identifies the series (asset + interval); a new one scrolls to the newest bar. */
  seriesKey: string;
  /** `1D` bars: dates only on the axis. */
  daily: boolean;
  history: readonly Candle[];
  forming: Candle | undefined;
  tick: number | undefined;
  lines: readonly PriceLineSpec[];
  onPricePick(price: number): void;
  onNearOldest(): void;
}

/**
 * Keeps one CandleChart in step with React state: history replaces the series, the forming bar updates it in place
 * (no full redraw per trade), price lines move by key. Returns the container ref and the bar under the crosshair.
 */
export function useCandleChart(input: CandleChartInput): {
  containerRef: RefObject<HTMLDivElement | null>;
  hovered: Candle | null;
} {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<CandleChart | null>(null);
  // Keyed by series: after an asset or interval switch the legend shows the new newest bar, not the old hover.
  const [hovered, setHovered] = useState<{ key: string; candle: Candle | null }>({ key: "", candle: null });
  // Handlers and the forming bar are read through a ref so their changes neither re-create the chart nor re-set data.
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
  });

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const chart = new CandleChart(el, readTheme(el), {
      onHover: (candle) => setHovered({ key: latest.current.seriesKey, candle }),
      onPricePick: (p) => latest.current.onPricePick(p),
      onNearOldest: () => latest.current.onNearOldest(),
    });
    chartRef.current = chart;
    // The theme lives on <html data-theme> (app/theme) of the chart's own document (a pop-out window has its own):
    // re-read the tokens whenever it flips.
    const themeWatch = new MutationObserver(() => chart.setTheme(readTheme(el)));
    themeWatch.observe(el.ownerDocument.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
    return () => {
      themeWatch.disconnect();
      chartRef.current = null;
      chart.dispose();
    };
  }, []);

  const { seriesKey, daily, history, forming, tick, lines } = input;
  useEffect(() => chartRef.current?.setTick(tick), [tick]);
  useEffect(() => chartRef.current?.setDaily(daily), [daily]);
  // A live language switch re-localises the existing chart (no remount, no refetch).
  const locale = useLocale();
  const appliedLocale = useRef(locale);
  useEffect(() => {
    if (appliedLocale.current === locale) return;
    appliedLocale.current = locale;
    chartRef.current?.setLocale(formatLocale());
  }, [locale]);

  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setHistory(withForming(history, latest.current.forming));
    if (shownKey.current !== seriesKey && history.length > 0) {
      shownKey.current = seriesKey;
      chart.showLatest();
    }
  }, [history, seriesKey]);

  useEffect(() => {
    if (forming && formingAction(history.at(-1), forming) !== "ignore")
      chartRef.current?.updateForming(forming);
    // history is read, not followed: a new history re-applies the forming bar itself (effect above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [forming]);

  useEffect(() => chartRef.current?.setPriceLines(lines), [lines]);

  return { containerRef, hovered: hovered.key === seriesKey ? hovered.candle : null };
}
