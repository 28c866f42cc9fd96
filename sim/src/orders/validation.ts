import type { SubmitOrder } from "@pregao/contracts";
import type { Market } from "../market/market.ts";
import { ServiceError, validationError } from "./errors.ts";

/** Checks an order against its instrument: lot multiple, min/max quantity, tick grid, daily price limits. */
export function validateAgainstInstrument(market: Market, o: SubmitOrder): void {
  if (!market.has(o.asset))
    throw new ServiceError(400, "VALIDATION_FAILED", `unknown asset ${o.asset}`, "asset");
  const { info } = market.instrument(o.asset);
  if (o.quantity % info.lot !== 0)
    throw validationError("quantity", `quantity must be a multiple of the lot (${info.lot})`);
  if (o.quantity < info.minOrderQty || o.quantity > info.maxOrderQty)
    throw validationError("quantity", `quantity must be within ${info.minOrderQty}–${info.maxOrderQty}`);
  const { minLimit, maxLimit } = market.daily(o.asset);
  for (const field of ["price", "stopPrice"] as const) {
    const price = o[field];
    if (price === undefined) continue;
    const ticks = price / info.tickSize;
    if (Math.abs(ticks - Math.round(ticks)) > 1e-6)
      throw validationError(field, `${field} must be on the tick grid (${info.tickSize})`);
    if ((minLimit !== null && price < minLimit) || (maxLimit !== null && price > maxLimit))
      throw validationError(field, `${field} must be within the daily limits ${minLimit}–${maxLimit}`);
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
