/**
 * Number, price, money and time formatting for the B3 market in the user's language (pt-BR `1.234,56`, en
 * `1,234.56`), with the exchange-local 24-hour clock (America/Sao_Paulo, labelled BRT).
 */
import { activeIntlTag, t } from "../i18n/i18n.ts";

export const EXCHANGE_TZ = "America/Sao_Paulo";
/** Brazil has kept UTC−03:00 all year since 2019 (no DST), so one label fits every exchange time. */
export const EXCHANGE_TZ_LABEL = "BRT";
const EMPTY = "—";

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const tag = activeIntlTag();
  let f = cache.get(`${tag}|${key}`);
  if (!f) {
    f = new Intl.NumberFormat(tag, options);
    cache.set(`${tag}|${key}`, f);
  }
  return f;
}
const dateCache = new Map<string, Intl.DateTimeFormat>();
function df(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = activeIntlTag();
  let f = dateCache.get(`${tag}|${key}`);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, { timeZone: EXCHANGE_TZ, ...options });
    dateCache.set(`${tag}|${key}`, f);
  }
  return f;
}

/** Decimals implied by a tick size: 0.01 → 2, 5 → 0, 0.5 → 1, 0.0001 → 4. */
export function decimalsForTick(tickSize: number | undefined): number {
  if (tickSize === undefined || !Number.isFinite(tickSize) || tickSize <= 0) return 2;
  for (let d = 0; d <= 8; d++) {
    const scaled = tickSize * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 8;
}

/** A price with the instrument's tick decimals: pt-BR `37,28`, `128.455`; en `37.28`, `128,455`. */
export function formatPrice(value: number | null | undefined, tickSize?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  const d = decimalsForTick(tickSize);
  return nf(`p${d}`, { minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

/** A price for an input field: the tick's decimals and the locale's decimal mark, no grouping (`1234,50` / `1234.50`). */
export function formatPriceInput(value: number, tickSize?: number): string {
  if (!Number.isFinite(value)) return "";
  const d = decimalsForTick(tickSize);
  return nf(`pi${d}`, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false }).format(
    value,
  );
}

/**
 * A typed decimal in either notation: with both marks the last one is the decimal (`1.234,56`, `1,234.56` → 1234.56);
 * with one mark it is the decimal (`37,28`, `37.28` → 37.28), in both languages — a typed price is never grouped
 * (input fields show none). NaN when empty or not a plain positive number.
 */
export function parseDecimal(text: string): number {
  const s = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return Number.NaN;
  const decimal = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
  const group = decimal === "," ? "." : ",";
  const normalised = s.split(group).join("").replace(decimal, ".");
  return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** Money in reais: pt-BR `R$ 1.234,56`, en `R$1,234.56`. */
export function formatBRL(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return nf("brl", { style: "currency", currency: "BRL" }).format(value);
}

/** Financial volume, compact: `R$ 152,3 mi`, `R$ 1,2 bi`, `R$ 850`. */
export function formatCompactBRL(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return nf("brlc", {
    style: "currency",
    currency: "BRL",
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A percentage given in percent units, always signed except zero: `+1,23%`, `-0,40%`, `0,00%`. */
export function formatPercent(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return EMPTY;
  return nf("pct", {
    style: "percent",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: "exceptZero",
  })
    .format(pct / 100)
    .replace(/\s/g, "");
}

/** A whole count with the locale's grouping: pt-BR `10.000.100`, en `10,000,100` (quantities, lots). */
export function formatQuantity(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return nf("qty", { maximumFractionDigits: 0 }).format(value);
}

/** A magnitude in percent units, unsigned, up to two decimals: `20,32%`, `10%` (collars, deviations). */
export function formatPercentPlain(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return EMPTY;
  return nf("pctp", { style: "percent", maximumFractionDigits: 2 })
    .format(Math.abs(pct) / 100)
    .replace(/\s/g, "");
}

/** A number with up to `maxDecimals` decimals in the locale's format (rates, ratios): `1.234,5` / `1,234.5`. */
export function formatNumber(value: number | null | undefined, maxDecimals = 0, minDecimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return nf(`n${minDecimals}-${maxDecimals}`, {
    minimumFractionDigits: minDecimals,
    maximumFractionDigits: maxDecimals,
  }).format(value);
}

/** `HH:mm:ss`, 24-hour, in exchange time (B3, America/Sao_Paulo) whatever the browser's zone and language. */
export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return EMPTY;
  return df("time", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(
    epochMs,
  );
}

/** `HH:mm`, 24-hour, exchange time. */
export function formatTimeShort(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return EMPTY;
  return df("hm", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(epochMs);
}

/** The exchange date: pt-BR `03/12/2026`, en `12/03/2026`. */
export function formatDate(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return EMPTY;
  return df("date", { day: "2-digit", month: "2-digit", year: "numeric" }).format(epochMs);
}

/** Exchange day and 24-hour time without the year: pt-BR `03/12 14:05`, en `12/03 14:05` (intraday bars). */
export function formatDayMonthTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return EMPTY;
  return `${df("dm", { day: "2-digit", month: "2-digit" }).format(epochMs)} ${formatTimeShort(epochMs)}`;
}

/** The Intl tag of the active language, for libraries that format on their own (the chart's axis). */
export const formatLocale = (): string => activeIntlTag();

/** Exchange date and 24-hour time: pt-BR `03/12/2026 14:05`. */
export function formatDateTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return EMPTY;
  return `${formatDate(epochMs)} ${formatTimeShort(epochMs)}`;
}

/** A column or legend title for exchange times: "Time (BRT)" / "Hora (BRT)". */
export function withExchangeZone(label: string): string {
  return `${label} (${EXCHANGE_TZ_LABEL})`;
}

/** Coarse age for people: en `<1 s ago`, `12 s ago`, `3 min ago`, `2 h ago`; pt-BR `há 12 s`. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return t("format.ageNow");
  const s = Math.floor(ms / 1000);
  if (s < 60) return t("format.ageSeconds", { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t("format.ageMinutes", { n: m });
  return t("format.ageHours", { n: Math.floor(m / 60) });
}

/** Fine duration for diagnostics: `350 ms`, pt-BR `4,2 s` / en `4.2 s`, `3 min`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${nf("d0", { maximumFractionDigits: 0 }).format(Math.round(ms))} ms`;
  if (abs < 60_000) return `${nf("d1", { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  return `${nf("d0", { maximumFractionDigits: 0 }).format(Math.round(ms / 60_000))} min`;
}

/** Change direction for colouring. */
export function direction(value: number | null | undefined): "up" | "down" | "flat" {
  if (value === null || value === undefined || value === 0 || !Number.isFinite(value)) return "flat";
  return value > 0 ? "up" : "down";
}
