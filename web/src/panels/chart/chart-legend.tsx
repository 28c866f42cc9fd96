import type { Candle, CandleInterval } from "@pregao/contracts";
import { t } from "../../i18n/i18n.ts";
import { useT } from "../../i18n/use-t.ts";
import { formatDate, formatDayMonthTime, formatPrice, formatQuantity } from "../../lib/format.ts";

/**
 * The bar's open time in exchange time, in the user's date order: `03/12 10:05 BRT` intraday (pt-BR), `03/12/2026`
 * for a daily bar.
 */
export function barTimeLabel(time: number, interval: CandleInterval): string {
  return interval === "1D" ? formatDate(time) : t("chart.barTime", { time: formatDayMonthTime(time) });
}

interface ChartLegendProps {
  candle: Candle | undefined;
  interval: CandleInterval;
  tick: number | undefined;
}

/** OHLCV of the bar under the crosshair (the newest bar when the pointer is elsewhere), numbers in the active locale. */
export function ChartLegend({ candle, interval, tick }: ChartLegendProps) {
  const translate = useT();
  if (!candle) return <p className="chart-legend chart-legend-empty">{translate("chart.noBars")}</p>;
  const dir = candle.close >= candle.open ? "up" : "down";
  const item = (key: string, value: string, cls?: string) => (
    <span className="chart-legend-item">
      <span className="chart-legend-key">{key}</span>{" "}
      <span className={cls ?? "num"} data-testid={`chart-legend-${key.toLowerCase()}`}>
        {value}
      </span>
    </span>
  );
  return (
    <p className="chart-legend" data-testid="chart-legend" aria-live="off">
      <span className="chart-legend-time num">{barTimeLabel(candle.time, interval)}</span>
      {item("O", formatPrice(candle.open, tick))}
      {item("H", formatPrice(candle.high, tick))}
      {item("L", formatPrice(candle.low, tick))}
      {item("C", formatPrice(candle.close, tick), `num ${dir}`)}
      {item("V", formatQuantity(candle.volume))}
    </p>
  );
}
