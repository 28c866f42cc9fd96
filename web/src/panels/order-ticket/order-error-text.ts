import {
  idempotencyReuseDetailsSchema,
  orderLimitDetailsSchema,
  priceCollarDetailsSchema,
  tickGridDetailsSchema,
  type PriceCollarDetails,
} from "@pregao/contracts";
import { ApiError } from "../../lib/api-client.ts";
import { formatBRL, formatPercentPlain, formatPrice, formatQuantity } from "../../lib/format.ts";
import { orderErrorText } from "../../lib/trading.ts";

/** The order manager's daily-band refusal (VALIDATION_FAILED on a price): `{ minLimit, maxLimit }`. */
function dailyLimits(details: unknown): { minLimit: number; maxLimit: number } | null {
  const d = details as { minLimit?: unknown; maxLimit?: unknown } | null | undefined;
  return typeof d?.minLimit === "number" && typeof d.maxLimit === "number"
    ? { minLimit: d.minLimit, maxLimit: d.maxLimit }
    : null;
}

const FIELD_LABELS: Record<string, string> = {
  price: "Price",
  stopPrice: "Stop price",
  quantity: "Quantity",
};

/**
 * What the trader reads for a refused order, from the error's `code` + `field` + `details` in the UI's number format
 * (pt-BR: `10.000.100`, `R$ 374.000.000,00`) — the server's own message prints numbers its way. Codes and shapes this
 * does not know fall back to the server's message.
 */
export function describeOrderError(err: unknown, tickSize: number | undefined): string {
  if (!(err instanceof ApiError)) return orderErrorText(err);
  const label = err.field ? FIELD_LABELS[err.field] : undefined;
  if (err.code === "VALIDATION_FAILED" && label) {
    const grid = tickGridDetailsSchema.safeParse(err.details);
    if (grid.success) {
      const tick = grid.data.tickSize;
      return `${label} must be a multiple of the tick size ${formatPrice(tick, tick)}`;
    }
    const band = dailyLimits(err.details);
    if (band)
      return `${label} must be within the daily limits ${formatPrice(band.minLimit, tickSize)}–${formatPrice(band.maxLimit, tickSize)}`;
  }
  if (err.code === "RISK_REJECTED") {
    const limit = orderLimitDetailsSchema.safeParse(err.details);
    if (limit.success && limit.data.rule === "MAX_ORDER_QUANTITY")
      return `Quantity ${formatQuantity(limit.data.value)} is above the maximum of ${formatQuantity(limit.data.limit)} per order`;
    if (limit.success)
      return `Notional ${formatBRL(limit.data.value)} is above the maximum of ${formatBRL(limit.data.limit)} per order`;
    const collar = priceCollarDetailsSchema.safeParse(err.details);
    if (collar.success)
      return `${collarSentence(collar.data, tickSize)}; orders more than ${formatPercentPlain(collar.data.collarPct)} away are refused`;
  }
  if (err.code === "IDEMPOTENCY_KEY_REUSED") {
    const reuse = idempotencyReuseDetailsSchema.safeParse(err.details);
    const fields = reuse.success && reuse.data.fields.length > 0 ? ` (${reuse.data.fields.join(", ")})` : "";
    return `This submit was already used for a different order${fields}; send it again as a new order`;
  }
  return orderErrorText(err);
}

/** "Price 45,00 is 20,32% above the last trade 37,40". */
export function collarSentence(d: PriceCollarDetails, tickSize: number | undefined): string {
  const where = d.price >= d.lastPrice ? "above" : "below";
  return `Price ${formatPrice(d.price, tickSize)} is ${formatPercentPlain(d.deviationPct)} ${where} the last trade ${formatPrice(d.lastPrice, tickSize)}`;
}

/** The 428 a second confirmation can clear: `CONFIRMATION_REQUIRED` with a `PRICE_COLLAR` rule; else null. */
export function collarConfirmation(err: unknown): PriceCollarDetails | null {
  if (!(err instanceof ApiError) || err.code !== "CONFIRMATION_REQUIRED") return null;
  const d = priceCollarDetailsSchema.safeParse(err.details);
  return d.success && d.data.rule === "PRICE_COLLAR" ? d.data : null;
}
