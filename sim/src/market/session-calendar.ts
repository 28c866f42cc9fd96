/**
 * B3's equity session in exchange time. São Paulo has kept UTC−3 all year since 2019 (no daylight saving), so a fixed
 * offset is exact for the dates the simulator generates. Holidays are not modelled: every weekday is a session.
 */
import { SAO_PAULO_OFFSET_MS } from "@pregao/contracts";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Regular trading session 10:00–17:55 São Paulo. */
export const SESSION_OPEN_MS = 10 * 60 * 60 * 1000;
export const SESSION_CLOSE_MS = (17 * 60 + 55) * 60 * 1000;

/** 00:00 São Paulo of the session date containing `ms` (epoch ms UTC). */
export function sessionDayStart(ms: number): number {
  return Math.floor((ms + SAO_PAULO_OFFSET_MS) / DAY_MS) * DAY_MS - SAO_PAULO_OFFSET_MS;
}

/** Days since 1970-01-01 of the São Paulo date containing `ms`. */
export function dayIndex(ms: number): number {
  return Math.floor((ms + SAO_PAULO_OFFSET_MS) / DAY_MS);
}

/** Monday–Friday (1970-01-01 was a Thursday). */
export function isWeekday(day: number): boolean {
  const dow = (day + 4) % 7; // 0 = Sunday
  return dow !== 0 && dow !== 6;
}

/** 00:00 São Paulo (epoch ms) of a day index. */
export function dayStartOf(day: number): number {
  return day * DAY_MS - SAO_PAULO_OFFSET_MS;
}
