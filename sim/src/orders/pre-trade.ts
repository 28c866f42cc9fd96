import type { SubmitOrder } from "@pregao/contracts";
import type { Logger } from "pino";
import type { Market } from "../market/market.ts";
import type { OrderLimitBook } from "../risk/order-limits.ts";
import { ServiceError } from "./errors.ts";

/**
 * The fat-finger checks (maximum quantity and notional, price collar) on an order already valid for its instrument.
 * They refuse the order before it exists — no order id, no idempotency key spent — so the trader can fix it, or
 * confirm the collar and resend with the same key. 422 RISK_REJECTED / 428 CONFIRMATION_REQUIRED with numeric details.
 */
export function enforceOrderLimits(
  market: Market,
  limits: OrderLimitBook,
  o: SubmitOrder,
  userId: string,
  log: Logger,
): void {
  const { info } = market.instrument(o.asset);
  const daily = market.daily(o.asset);
  const failure = limits.check({
    asset: o.asset,
    quantity: o.quantity,
    price: o.price,
    contractMultiplier: info.contractMultiplier,
    instrumentMaxQty: info.maxOrderQty,
    lastTrade: daily.trades > 0 ? daily.close : null,
    confirmed: o.confirm ?? [],
  });
  if (!failure) return;
  log.warn(
    { audit: "order_limit", userId, asset: o.asset, outcome: failure.kind, ...failure.details },
    "order limit",
  );
  if (failure.kind === "confirm")
    throw new ServiceError(428, "CONFIRMATION_REQUIRED", failure.message, failure.field, failure.details);
  throw new ServiceError(422, "RISK_REJECTED", failure.message, failure.field, failure.details);
}
