import { SAO_PAULO_OFFSET_MS, type CandleInterval } from "@pregao/contracts";

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export const intervalMs: Readonly<Record<CandleInterval, number>> = {
  "1m": MINUTE_MS,
  "5m": 5 * MINUTE_MS,
  "15m": 15 * MINUTE_MS,
  "60m": 60 * MINUTE_MS,
  "1D": DAY_MS,
};

/**
 * Open time (epoch ms UTC) of the bar holding a trade at `ts`: aligned to the interval in São Paulo time, so a 60m bar
 * opens at 10:00 BRT and a 1D bar at the session date's 00:00 BRT.
 */
export function barTime(ts: number, interval: CandleInterval): number {
  const step = intervalMs[interval];
  return Math.floor((ts + SAO_PAULO_OFFSET_MS) / step) * step - SAO_PAULO_OFFSET_MS;
}
