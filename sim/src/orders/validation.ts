import { toTicks, type SubmitOrder } from "@pregao/contracts";
import type { Market } from "../market/market.ts";
import { ServiceError, validationError } from "./errors.ts";

/**
 * Checks an order against its instrument: lot multiple, minimum quantity, tick grid, daily price limits. The maximum
 * quantity is a risk limit (risk/order-limits.ts: 422 with the limit), not a validation error. The grid is checked in
 * whole ticks (`toTicks`, decided on decimal digits): a float tolerance accepted 33.50000001 and stored it off the grid.
 */
export function validateAgainstInstrument(market: Market, o: SubmitOrder): void {
  if (!market.has(o.asset))
    throw new ServiceError(400, "VALIDATION_FAILED", `unknown asset ${o.asset}`, "asset");
  const { info } = market.instrument(o.asset);
  if (o.quantity % info.lot !== 0)
    throw validationError("quantity", `quantity must be a multiple of the lot (${info.lot})`, {
      lot: info.lot,
    });
  if (o.quantity < info.minOrderQty)
    throw validationError("quantity", `quantity must be at least ${info.minOrderQty}`, {
      minOrderQty: info.minOrderQty,
    });
  const { minLimit, maxLimit } = market.daily(o.asset);
  for (const field of ["price", "stopPrice"] as const) {
    const price = o[field];
    if (price === undefined) continue;
    if (toTicks(price, info.tickSize) === null)
      throw validationError(field, `${field} must be a whole number of ticks of ${info.tickSize}`, {
        tickSize: info.tickSize,
      });
    if ((minLimit !== null && price < minLimit) || (maxLimit !== null && price > maxLimit))
      throw validationError(field, `${field} must be within the daily limits ${minLimit}–${maxLimit}`, {
        minLimit,
        maxLimit,
      });
  }
}

/** `ORD-YYYYMMDD-NNNNNN` (the date in São Paulo, the sequence per process). */
export function orderIdFactory(clock: () => number): () => string {
  let n = 0;
  const fmt = new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/Sao_Paulo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return () => `ORD-${fmt.format(clock()).replaceAll("-", "")}-${String(++n).padStart(6, "0")}`;
}
