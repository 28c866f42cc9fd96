import { queryOptions } from "@tanstack/react-query";
import {
  orderListResponseSchema,
  orderSchema,
  positionsResponseSchema,
  cancelAllResponseSchema,
  type Order,
  type SubmitOrder,
} from "@pregao/contracts";
import { errorText } from "../i18n/error-text.ts";
import { t } from "../i18n/i18n.ts";
import { ApiError, getJson, postJson, sendJson } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

/**
 * Orders and positions over REST. Shared by the ticket, the blotter and positions (panels never import each other),
 * so it lives in lib/. Live changes arrive on the socket (stream/orders-store.ts); these seed it.
 */
export const ordersQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.orders.all,
    queryFn: ({ signal }) => getJson("/api/v1/orders?limit=500", orderListResponseSchema, { signal }),
    select: (r) => r.orders,
    staleTime: 30_000,
  });

export const positionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.positions.all,
    queryFn: ({ signal }) => getJson("/api/v1/positions", positionsResponseSchema, { signal }),
    staleTime: 30_000,
  });

/** `POST /api/v1/orders`. The caller keeps `idempotencyKey` across retries of the same ticket submit. */
export const submitOrder = (order: SubmitOrder): Promise<Order> =>
  postJson("/api/v1/orders", order, orderSchema);

/** `DELETE /api/v1/orders/:id`. */
export const cancelOrder = (orderId: string): Promise<Order> =>
  sendJson("DELETE", `/api/v1/orders/${encodeURIComponent(orderId)}`, undefined, orderSchema);

/** `POST /api/v1/orders/cancel-all` → how many were cancelled. */
export const cancelAllOrders = (): Promise<{ canceled: number }> =>
  postJson("/api/v1/orders/cancel-all", {}, cancelAllResponseSchema);

/**
 * What a trader should read for a failed order call, in their language: the risk reason, the unavailable service, or
 * the error code's message with its parameters (i18n/error-text.ts).
 */
export function orderErrorText(err: unknown): string {
  if (!(err instanceof ApiError)) return errorText(err);
  const text =
    err.code === "UPSTREAM_UNAVAILABLE"
      ? t("trading.orderManagerUnavailable")
      : err.code === "NETWORK"
        ? t("trading.cannotReachServer")
        : errorText(err);
  // A server-side failure: the trace id lets support find the request in the traces and logs.
  return err.status >= 500 && err.traceId ? t("trading.withTrace", { text, traceId: err.traceId }) : text;
}
