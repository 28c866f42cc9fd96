import type { Candle, CandleInterval } from "@pregao/contracts";
import { formatPrice, formatQuantity } from "../../lib/format.ts";

const dateTime = new Intl.DateTimeFormat("pt-BR", {
  timeZone: "America/Sao_Paulo",
  day: "2-digit",
  month: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const date = new Intl.DateTimeFormat("pt-BR", {
  timeZone: "America/Sao_Paulo",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** The bar's open time in exchange time: `03/12 10:05` intraday, `03/12/2026` for a daily bar. */
export function barTimeLabel(time: number, interval: CandleInterval): string {
  return interval === "1D" ? date.format(time) : dateTime.format(time).replace(",", "");
}

interface ChartLegendProps {
  candle: Candle | undefined;
  interval: CandleInterval;
  tick: number | undefined;
}

/** OHLCV of the bar under the crosshair (the newest bar when the pointer is elsewhere), pt-BR numbers. */
export function ChartLegend({ candle, interval, tick }: ChartLegendProps) {
  if (!candle) return <p className="chart-legend chart-legend-empty">No bars yet</p>;
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
