import {
  errorCodeSchema,
  idempotencyReuseDetailsSchema,
  orderLimitDetailsSchema,
  priceCollarDetailsSchema,
  tickGridDetailsSchema,
  type ErrorCode,
  type PriceCollarDetails,
} from "@pregao/contracts";
import { formatBRL, formatPercentPlain, formatPrice, formatQuantity } from "../lib/format.ts";
import { activeLocale, t } from "./i18n.ts";

/**
 * What the user reads for an error from the BFF: the code + `field` + `details` (numbers, never text) formatted in the
 * user's language and number format. The server's English `message` is for logs and API clients; the UI shows it
 * only in English and only where no structured parameters exist (a risk reason, a conflict's reason).
 */
export interface ErrorLike {
  code: string;
  message: string;
  field?: string;
  details?: unknown;
  /** Seconds from a 429's `Retry-After`, when the transport had it. */
  retryAfterS?: number;
}

const isErrorCode = (code: string): code is ErrorCode => errorCodeSchema.safeParse(code).success;

/** Codes whose server message is itself the reason (risk's words, why a state conflicts): kept beside the code. */
const REASON_CODES: ReadonlySet<string> = new Set([
  "RISK_REJECTED",
  "CONFLICT",
  "UNKNOWN_ASSET",
  "NOT_FOUND",
]);

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" ? (v as Record<string, unknown>) : {};

/** The field's name in the user's language (`price` → "Preço"), or null for fields the UI has no label for. */
export function fieldLabel(field: string | undefined): string | null {
  if (field === "price" || field === "stopPrice" || field === "quantity") return t(`errors.fields.${field}`);
  return null;
}

/** The order-entry refusals with numbers (tick grid, daily band, fat finger, collar, reused key); null otherwise. */
export function orderErrorParamsText(err: ErrorLike, tickSize: number | undefined): string | null {
  const label = fieldLabel(err.field);
  if (err.code === "VALIDATION_FAILED" && label) {
    const grid = tickGridDetailsSchema.safeParse(err.details);
    if (grid.success)
      return t("errors.tickGrid", { label, tick: formatPrice(grid.data.tickSize, grid.data.tickSize) });
    const d = rec(err.details);
    const min = num(d.minLimit);
    const max = num(d.maxLimit);
    if (min !== undefined && max !== undefined)
      return t("errors.dailyBand", {
        label,
        min: formatPrice(min, tickSize),
        max: formatPrice(max, tickSize),
      });
  }
  if (err.code === "RISK_REJECTED") {
    const limit = orderLimitDetailsSchema.safeParse(err.details);
    if (limit.success && limit.data.rule === "MAX_ORDER_QUANTITY")
      return t("errors.maxQuantity", {
        value: formatQuantity(limit.data.value),
        limit: formatQuantity(limit.data.limit),
      });
    if (limit.success)
      return t("errors.maxNotional", {
        value: formatBRL(limit.data.value),
        limit: formatBRL(limit.data.limit),
      });
    const collar = priceCollarDetailsSchema.safeParse(err.details);
    if (collar.success)
      return t("errors.collarRefused", {
        sentence: collarSentence(collar.data, tickSize),
        pct: formatPercentPlain(collar.data.collarPct),
      });
    const risk = riskRuleText(err.details);
    if (risk) return risk;
  }
  if (err.code === "IDEMPOTENCY_KEY_REUSED") {
    const reuse = idempotencyReuseDetailsSchema.safeParse(err.details);
    if (reuse.success && reuse.data.fields.length > 0)
      return t("errors.idempotencyFields", { fields: reuse.data.fields.join(", ") });
  }
  return null;
}

/** Pre-trade risk rules the order manager names in `details.rule` (403 RISK_REJECTED), with their numbers. */
function riskRuleText(details: unknown): string | null {
  const d = rec(details);
  const value = num(d.value);
  const limit = num(d.limit);
  if (d.rule === "DAILY_LOSS_LIMIT" && value !== undefined && limit !== undefined)
    return t("errors.dailyLoss", { value: formatBRL(value), limit: formatBRL(limit) });
  if (
    d.rule === "POSITION_LIMIT" &&
    value !== undefined &&
    limit !== undefined &&
    typeof d.asset === "string"
  )
    return t("errors.positionLimit", {
      ticker: d.asset.split(":")[0] ?? d.asset,
      value: formatQuantity(value),
      limit: formatQuantity(limit),
    });
  if (d.rule === "KILL_SWITCH" && typeof d.killSwitchReason === "string")
    return t("errors.killSwitch", { reason: d.killSwitchReason });
  if (d.rule === "TRADING_HOURS" && typeof d.start === "string" && typeof d.end === "string")
    return t("errors.outsideHours", {
      start: d.start,
      end: d.end,
      zone: d.timezone === "America/Sao_Paulo" ? "BRT" : String(d.timezone ?? ""),
    });
  return null;
}

/** "Price 45,00 is 20,32% above the last trade 37,40" in the user's language and numbers. */
export function collarSentence(d: PriceCollarDetails, tickSize: number | undefined): string {
  const params = {
    price: formatPrice(d.price, tickSize),
    pct: formatPercentPlain(d.deviationPct),
    last: formatPrice(d.lastPrice, tickSize),
  };
  return d.price >= d.lastPrice ? t("errors.collarAbove", params) : t("errors.collarBelow", params);
}

/** The generic message of a code, with the parameters every code may carry (retry seconds, size limits). */
export function codeText(err: ErrorLike): string {
  const d = rec(err.details);
  if (err.code === "RATE_LIMITED") {
    const seconds = err.retryAfterS ?? num(d.retryAfter);
    if (seconds !== undefined) return t("errors.RATE_LIMITED_retry", { seconds: formatQuantity(seconds) });
  }
  if (
    err.code === "PAYLOAD_TOO_LARGE" ||
    (err.code === "VALIDATION_FAILED" && num(d.maxBytes) !== undefined)
  ) {
    const bytes = num(d.maxBytes);
    if (bytes !== undefined) return t("errors.PAYLOAD_TOO_LARGE_bytes", { bytes: formatQuantity(bytes) });
  }
  if (err.code === "NETWORK") return t("errors.NETWORK");
  if (err.code === "BAD_RESPONSE") return t("errors.BAD_RESPONSE");
  if (!isErrorCode(err.code)) return err.message;
  // In English the server's message says more than the code (its words are English already).
  if (activeLocale() === "en" && err.message) return err.message;
  const text = t(`errors.${err.code}`);
  return REASON_CODES.has(err.code) && err.message ? `${text}: ${err.message}` : text;
}

/** Any error, for people: structured order refusals first, then the code's message; plain errors by their message. */
export function errorText(err: unknown, tickSize?: number): string {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") {
    const e = err as ErrorLike;
    return orderErrorParamsText(e, tickSize) ?? codeText(e);
  }
  return err instanceof Error ? err.message : String(err);
}
