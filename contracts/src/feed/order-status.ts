import type { OrderStatus } from "../http/orders.ts";
import { keyOfCode, keyToCode } from "./code-table.ts";

/** ProfitDLL `TConnectorOrderStatus` (MAN §1.13), code → key: the manual's `cos…` names in SCREAMING_SNAKE. */
export const profitDllOrderStatuses = {
  0: "NEW",
  1: "PARTIALLY_FILLED",
  2: "FILLED",
  3: "DONE_FOR_DAY",
  4: "CANCELED",
  5: "REPLACED",
  6: "PENDING_CANCEL",
  7: "STOPPED",
  8: "REJECTED",
  9: "SUSPENDED",
  10: "PENDING_NEW",
  11: "CALCULATED",
  12: "EXPIRED",
  13: "ACCEPTED_FOR_BIDDING",
  14: "PENDING_REPLACE",
  15: "PARTIALLY_FILLED_CANCELED",
  16: "RECEIVED",
  17: "PARTIALLY_FILLED_EXPIRED",
  18: "PARTIALLY_FILLED_REJECTED",
  200: "UNKNOWN",
  201: "HADES_CREATED",
  202: "BROKER_SENT",
  203: "CLIENT_CREATED",
  204: "ORDER_NOT_CREATED",
  205: "CANCELED_BY_ADMIN",
  206: "DELAY_FIX_GATEWAY",
  207: "SCHEDULED_ORDER",
} as const;
export type ProfitDllOrderStatusKey = (typeof profitDllOrderStatuses)[keyof typeof profitDllOrderStatuses];

/** Key → code, for code that sets a status by name (`ProfitDllOrderStatus.FILLED`). */
export const ProfitDllOrderStatus = keyToCode(profitDllOrderStatuses);

/**
 * ProfitDLL order status → OM-SPEC status (docs/trading.md shows this table with the reasons). Anything still able
 * to trade is SUBMITTED or PENDING; a lost state (`UNKNOWN`) is FAILED, to be reconciled.
 */
const omStatusOf: Readonly<Record<ProfitDllOrderStatusKey, OrderStatus>> = {
  NEW: "SUBMITTED",
  PARTIALLY_FILLED: "PARTIALLY_FILLED",
  FILLED: "FILLED",
  DONE_FOR_DAY: "EXPIRED",
  CANCELED: "CANCELED",
  REPLACED: "SUBMITTED",
  PENDING_CANCEL: "SUBMITTED",
  STOPPED: "SUBMITTED",
  REJECTED: "REJECTED",
  SUSPENDED: "PENDING",
  PENDING_NEW: "PENDING",
  CALCULATED: "SUBMITTED",
  EXPIRED: "EXPIRED",
  ACCEPTED_FOR_BIDDING: "SUBMITTED",
  PENDING_REPLACE: "SUBMITTED",
  PARTIALLY_FILLED_CANCELED: "CANCELED",
  RECEIVED: "PENDING",
  PARTIALLY_FILLED_EXPIRED: "EXPIRED",
  PARTIALLY_FILLED_REJECTED: "REJECTED",
  UNKNOWN: "FAILED",
  HADES_CREATED: "PENDING",
  BROKER_SENT: "PENDING",
  CLIENT_CREATED: "PENDING",
  ORDER_NOT_CREATED: "REJECTED",
  CANCELED_BY_ADMIN: "CANCELED",
  DELAY_FIX_GATEWAY: "PENDING",
  SCHEDULED_ORDER: "PENDING",
};

/** The one place a ProfitDLL order status becomes an OM-SPEC status; an unknown code is FAILED, never working. */
export function toOrderStatus(code: number): OrderStatus {
  const key = keyOfCode(profitDllOrderStatuses, code);
  return key === undefined ? "FAILED" : omStatusOf[key];
}
