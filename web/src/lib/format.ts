/** Number, price and time formatting for the B3 market (pt-BR numerals, exchange-local clock). */

const EXCHANGE_TZ = "America/Sao_Paulo";
const EMPTY = "—";

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat("pt-BR", options);
    cache.set(key, f);
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

/** A price with the instrument's tick decimals: `37,28`, `128.455` (pt-BR groups with dots). */
export function formatPrice(value: number | null | undefined, tickSize?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  const d = decimalsForTick(tickSize);
  return nf(`p${d}`, { minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

/** Money in reais: `R$ 1.234,56`. */
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

/** A count in pt-BR groups: `10.000.100` (quantities, lots). */
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

/** `HH:mm:ss` in exchange time (B3, America/Sao_Paulo). */
export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return EMPTY;
  return timeFormat.format(epochMs);
}
const timeFormat = new Intl.DateTimeFormat("pt-BR", {
  timeZone: EXCHANGE_TZ,
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** Coarse age for people: `<1 s ago`, `12 s ago`, `3 min ago`, `2 h ago`. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return "<1 s ago";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  return `${Math.floor(m / 60)} h ago`;
}

/** Fine duration for diagnostics: `350 ms`, `4,2 s`, `3 min`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${nf("d1", { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** Change direction for colouring. */
export function direction(value: number | null | undefined): "up" | "down" | "flat" {
  if (value === null || value === undefined || value === 0 || !Number.isFinite(value)) return "flat";
  return value > 0 ? "up" : "down";
}
