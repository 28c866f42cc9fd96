import type { SubmitOrder } from "@pregao/contracts";
import { notional } from "./ticket-math.ts";

type Draft = Omit<SubmitOrder, "idempotencyKey">;

/** Why the ticket asks before sending (the trader confirms them all in one dialog, or cancels and nothing is sent). */
export type PreSendWarning =
  | { kind: "notional"; notional: number; threshold: number }
  | { kind: "stop-triggers"; stopPrice: number; last: number };

/**
 * A stop-limit whose stop is already reached triggers the moment it arrives — almost never what a stop is for: a buy
 * stop at or below the last trade, a sell stop at or above it.
 */
export function stopTriggersAtOnce(order: Draft, last: number | null): boolean {
  if (order.type !== "STOP_LIMIT" || order.stopPrice === undefined || last === null) return false;
  return order.side === "BUY" ? order.stopPrice <= last : order.stopPrice >= last;
}

/** The warnings for one order: its notional above the threshold, a stop that triggers at once. */
export function preSendWarnings(
  order: Draft,
  last: number | null,
  multiplier: number,
  threshold: number,
): PreSendWarning[] {
  const warnings: PreSendWarning[] = [];
  const value = notional(order.quantity, order.price ?? last ?? 0, multiplier);
  if (value > threshold) warnings.push({ kind: "notional", notional: value, threshold });
  if (stopTriggersAtOnce(order, last))
    warnings.push({ kind: "stop-triggers", stopPrice: order.stopPrice!, last: last! });
  return warnings;
}
