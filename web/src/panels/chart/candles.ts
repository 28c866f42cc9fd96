import type { Candle } from "@pregao/contracts";

/** A bar as lightweight-charts takes it: `time` in seconds. */
export interface ChartBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface VolumeBar {
  time: number;
  value: number;
  up: boolean;
}

const EXCHANGE_TZ = "America/Sao_Paulo";
const offsetFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: EXCHANGE_TZ,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
const offsets = new Map<number, number>();

/** São Paulo's offset from UTC at `ms` (−3 h since 2019), cached per hour. */
export function exchangeOffsetMs(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p = Object.fromEntries(offsetFormat.formatToParts(ms).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!);
    offset = asUtc - Math.floor(ms / 60_000) * 60_000;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/**
 * The chart's time of a bar. lightweight-charts draws its axis in UTC, so a bar is shifted by the exchange's offset:
 * the axis then reads São Paulo wall time (10:00 at the open), and a `1D` bar (00:00 São Paulo) lands on its date.
 */
export function toChartTime(ms: number): number {
  return (ms + exchangeOffsetMs(ms)) / 1000;
}

export function toChartBar(c: Candle): ChartBar {
  return { time: toChartTime(c.time), open: c.open, high: c.high, low: c.low, close: c.close };
}

export function toVolumeBar(c: Candle): VolumeBar {
  return { time: toChartTime(c.time), value: c.volume, up: c.close >= c.open };
}

/**
 * The history pages of an infinite query (newest page first, each ascending) as one ascending series without
 * duplicate times. Where two pages hold the same bar, the newer page's copy wins (it was fetched later).
 */
export function mergePages(pages: readonly { candles: readonly Candle[] }[]): Candle[] {
  const byTime = new Map<number, Candle>();
  for (let i = pages.length - 1; i >= 0; i--) for (const c of pages[i]!.candles) byTime.set(c.time, c);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** What the forming bar does to a series whose last bar is `last`: replace it, append after it, or nothing (older). */
export function formingAction(last: Candle | undefined, forming: Candle): "replace" | "append" | "ignore" {
  if (!last || forming.time > last.time) return "append";
  return forming.time === last.time ? "replace" : "ignore";
}

/** History with the live forming bar applied: the bar the legend and the last-price line read. */
export function withForming(history: readonly Candle[], forming: Candle | undefined): readonly Candle[] {
  if (!forming) return history;
  const action = formingAction(history.at(-1), forming);
  if (action === "ignore") return history;
  return action === "append" ? [...history, forming] : [...history.slice(0, -1), forming];
}

/** `price` on the instrument's tick grid (a click between ticks picks the nearest one). */
export function snapToTick(price: number, tick: number | undefined): number {
  if (!tick || tick <= 0) return Math.round(price * 100) / 100;
  const steps = Math.round(price / tick);
  const decimals = Math.max(0, Math.ceil(-Math.log10(tick)) + 1);
  return Number((steps * tick).toFixed(decimals));
}
