import type { OrderStatus } from "@pregao/contracts";

/** ProfitDLL `TConnectorOrderStatus` (MAN §1.13). */
export const ProfitDllStatus = {
  NEW: 0,
  PARTIALLY_FILLED: 1,
  FILLED: 2,
  DONE_FOR_DAY: 3,
  CANCELED: 4,
  REPLACED: 5,
  PENDING_CANCEL: 6,
  STOPPED: 7,
  REJECTED: 8,
  SUSPENDED: 9,
  PENDING_NEW: 10,
  CALCULATED: 11,
  EXPIRED: 12,
  ACCEPTED_FOR_BIDDING: 13,
  PENDING_REPLACE: 14,
  PARTIALLY_FILLED_CANCELED: 15,
  RECEIVED: 16,
  PARTIALLY_FILLED_EXPIRED: 17,
  PARTIALLY_FILLED_REJECTED: 18,
  UNKNOWN: 200,
  HADES_CREATED: 201,
  BROKER_SENT: 202,
  CLIENT_CREATED: 203,
  ORDER_NOT_CREATED: 204,
  CANCELED_BY_ADMIN: 205,
  DELAY_FIX_GATEWAY: 206,
  SCHEDULED_ORDER: 207,
} as const;
export type ProfitDllStatus = (typeof ProfitDllStatus)[keyof typeof ProfitDllStatus];

/**
 * ProfitDLL `TConnectorOrderStatus` → OM-SPEC status (the table docs/trading.md reproduces):
 *
 * | code | ProfitDLL                    | status           | why                                              |
 * |------|------------------------------|------------------|--------------------------------------------------|
 * | 0    | cosNew                       | SUBMITTED        | accepted by the exchange, working                |
 * | 1    | cosPartiallyFilled           | PARTIALLY_FILLED |                                                  |
 * | 2    | cosFilled                    | FILLED           |                                                  |
 * | 3    | cosDoneForDay                | EXPIRED          | no more fills today                              |
 * | 4    | cosCanceled                  | CANCELED         |                                                  |
 * | 5    | cosReplaced                  | SUBMITTED        | still working with new parameters                |
 * | 6    | cosPendingCancel             | SUBMITTED        | still working until the cancel is confirmed      |
 * | 7    | cosStopped                   | SUBMITTED        | price guaranteed, fill pending                   |
 * | 8    | cosRejected                  | REJECTED         |                                                  |
 * | 9    | cosSuspended                 | PENDING          | not working now, may resume                      |
 * | 10   | cosPendingNew                | PENDING          | not yet acknowledged                             |
 * | 11   | cosCalculated                | SUBMITTED        |                                                  |
 * | 12   | cosExpired                   | EXPIRED          |                                                  |
 * | 13   | cosAcceptedForBidding        | SUBMITTED        |                                                  |
 * | 14   | cosPendingReplace            | SUBMITTED        | still working until the replace is confirmed     |
 * | 15   | cosPartiallyFilledCanceled   | CANCELED         | fills kept, rest cancelled                       |
 * | 16   | cosReceived                  | PENDING          | received by the router, not yet at the exchange  |
 * | 17   | cosPartiallyFilledExpired    | EXPIRED          | fills kept, rest expired                         |
 * | 18   | cosPartiallyFilledRejected   | REJECTED         | fills kept, rest rejected                        |
 * | 200  | cosUnknown                   | FAILED           | state lost: needs reconciliation                 |
 * | 201  | cosHadesCreated              | PENDING          | created in the risk layer (Hades)                |
 * | 202  | cosBrokerSent                | PENDING          | sent to the broker                               |
 * | 203  | cosClientCreated             | PENDING          | created locally                                  |
 * | 204  | cosOrderNotCreated           | REJECTED         | never reached the exchange                       |
 * | 205  | cosCanceledByAdmin           | CANCELED         | kill switch / operator                           |
 * | 206  | cosDelayFixGateway           | PENDING          | delayed at the FIX gateway                       |
 * | 207  | cosScheduledOrder            | PENDING          | scheduled, not yet sent                          |
 * | other| —                            | FAILED           | unknown code: never report it as working         |
 */
const TABLE: Readonly<Record<number, OrderStatus>> = {
  0: "SUBMITTED",
  1: "PARTIALLY_FILLED",
  2: "FILLED",
  3: "EXPIRED",
  4: "CANCELED",
  5: "SUBMITTED",
  6: "SUBMITTED",
  7: "SUBMITTED",
  8: "REJECTED",
  9: "PENDING",
  10: "PENDING",
  11: "SUBMITTED",
  12: "EXPIRED",
  13: "SUBMITTED",
  14: "SUBMITTED",
  15: "CANCELED",
  16: "PENDING",
  17: "EXPIRED",
  18: "REJECTED",
  200: "FAILED",
  201: "PENDING",
  202: "PENDING",
  203: "PENDING",
  204: "REJECTED",
  205: "CANCELED",
  206: "PENDING",
  207: "PENDING",
};

/** The one place a ProfitDLL order status becomes an OM-SPEC status. */
export function toOrderStatus(code: number): OrderStatus {
  return TABLE[code] ?? "FAILED";
}
