import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLocale } from "../i18n/i18n.ts";
import {
  decimalsForTick,
  direction,
  formatAge,
  formatBRL,
  formatCompactBRL,
  formatDuration,
  formatPercent,
  formatPercentPlain,
  formatPrice,
  formatQuantity,
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  withExchangeZone,
} from "./format.ts";

// Most cases below are pt-BR (the exchange's own format); "in English" at the end switches.
beforeAll(() => setLocale("pt-BR"));
afterAll(() => setLocale("en"));

/** Intl uses no-break spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("decimalsForTick", () => {
  it.each([
    [0.01, 2],
    [5, 0],
    [0.5, 1],
    [1, 0],
    [0.001, 3],
    [0.25, 2],
  ])("tick %s → %s decimals", (tick, d) => expect(decimalsForTick(tick)).toBe(d));

  it("falls back to 2 for missing or invalid ticks", () => {
    expect(decimalsForTick(undefined)).toBe(2);
    expect(decimalsForTick(0)).toBe(2);
    expect(decimalsForTick(Number.NaN)).toBe(2);
  });
});

describe("formatPrice", () => {
  it("formats stocks with two decimals and a decimal comma", () => {
    expect(formatPrice(37.28, 0.01)).toBe("37,28");
    expect(formatPrice(37.2, 0.01)).toBe("37,20");
  });
  it("formats futures by their tick", () => {
    expect(formatPrice(128455, 5)).toBe("128.455");
    expect(formatPrice(5432.5, 0.5)).toBe("5.432,5");
  });
  it("shows a dash for missing values", () => {
    expect(formatPrice(null, 0.01)).toBe("—");
    expect(formatPrice(undefined)).toBe("—");
  });
});

describe("money", () => {
  it("formats BRL", () => expect(plain(formatBRL(1234.5))).toBe("R$ 1.234,50"));
  it("compacts financial volume", () => {
    expect(plain(formatCompactBRL(152_300_000))).toBe("R$ 152,3 mi");
    expect(plain(formatCompactBRL(1_234_000_000))).toBe("R$ 1,2 bi");
    expect(plain(formatCompactBRL(850))).toBe("R$ 850");
    expect(formatCompactBRL(null)).toBe("—");
  });
});

describe("formatPercent", () => {
  it("signs non-zero changes", () => {
    expect(formatPercent(1.234)).toBe("+1,23%");
    expect(formatPercent(-0.4)).toBe("-0,40%");
    expect(formatPercent(0)).toBe("0,00%");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("time and age", () => {
  it("formats exchange time HH:mm:ss in São Paulo", () => {
    // 2026-03-02T13:04:05Z is 10:04:05 in São Paulo (UTC-3, no DST).
    expect(formatTime(Date.UTC(2026, 2, 2, 13, 4, 5))).toBe("10:04:05");
    expect(formatTime(null)).toBe("—");
  });
  it("formats ages coarsely", () => {
    expect(formatAge(400)).toBe("há <1 s");
    expect(formatAge(12_400)).toBe("há 12 s");
    expect(formatAge(185_000)).toBe("há 3 min");
    expect(formatAge(2 * 3_600_000 + 5)).toBe("há 2 h");
  });
  it("formats exchange dates dd/mm/yyyy, 24-hour, whatever the zone of the browser", () => {
    // 2026-12-03T02:30:00Z is still 2 December in São Paulo (23:30 BRT).
    expect(formatDate(Date.UTC(2026, 11, 3, 2, 30))).toBe("02/12/2026");
    expect(formatDateTime(Date.UTC(2026, 11, 3, 2, 30))).toBe("02/12/2026 23:30");
    // Brazil has had no DST since 2019: January (southern summer) is UTC−3 too.
    expect(formatTime(Date.UTC(2026, 0, 15, 12, 0, 0))).toBe("09:00:00");
    expect(formatTime(Date.UTC(2026, 6, 15, 21, 0, 0))).toBe("18:00:00");
    expect(withExchangeZone("Hora")).toBe("Hora (BRT)");
  });
  it("formats durations finely", () => {
    expect(formatDuration(350.4)).toBe("350 ms");
    expect(formatDuration(-4200)).toBe("-4,2 s");
    expect(formatDuration(180_000)).toBe("3 min");
  });
  it("classifies direction", () => {
    expect(direction(0.1)).toBe("up");
    expect(direction(-2)).toBe("down");
    expect(direction(0)).toBe("flat");
    expect(direction(null)).toBe("flat");
  });
});

describe("order-entry numbers", () => {
  it("groups quantities the pt-BR way", () => {
    expect(formatQuantity(10_000_100)).toBe("10.000.100");
    expect(plain(formatBRL(374_000_000))).toBe("R$ 374.000.000,00");
  });
  it("prints unsigned percentages for deviations and collars", () => {
    expect(formatPercentPlain(20.3212)).toBe("20,32%");
    expect(formatPercentPlain(-10)).toBe("10%");
    expect(formatPercentPlain(null)).toBe("—");
  });
});

describe("in English", () => {
  beforeAll(() => setLocale("en"));
  afterAll(() => setLocale("pt-BR"));
  it("uses English separators for prices, counts, money and percentages", () => {
    expect(formatPrice(37.28, 0.01)).toBe("37.28");
    expect(formatPrice(128455, 5)).toBe("128,455");
    expect(formatQuantity(10_000_100)).toBe("10,000,100");
    expect(plain(formatBRL(1234.56))).toBe("R$1,234.56");
    expect(formatPercent(1.234)).toBe("+1.23%");
    expect(formatPercentPlain(20.3212)).toBe("20.32%");
    expect(formatNumber(1234.5, 1, 1)).toBe("1,234.5");
    expect(formatDuration(-4200)).toBe("-4.2 s");
  });
  it("keeps the 24-hour exchange clock and words ages in English", () => {
    expect(formatTime(Date.UTC(2026, 2, 2, 16, 4, 5))).toBe("13:04:05");
    expect(formatDate(Date.UTC(2026, 11, 3, 12))).toBe("12/03/2026");
    expect(formatAge(12_400)).toBe("12 s ago");
    expect(formatAge(400)).toBe("<1 s ago");
  });
});
