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
import { api, ApiError, call } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

/**
 * Orders and positions over REST. Shared by the ticket, the blotter and positions (panels never import each other),
 * so it lives in lib/. Live changes arrive on the socket (stream/orders-store.ts); these seed it.
 */
export const ordersQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.orders.all,
    queryFn: ({ signal }) =>
      call((o) => api.orders.$get({ query: { limit: "500" } }, o), orderListResponseSchema, { signal }),
    select: (r) => r.orders,
    staleTime: 30_000,
  });

export const positionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.positions.all,
    queryFn: ({ signal }) => call((o) => api.positions.$get({}, o), positionsResponseSchema, { signal }),
    staleTime: 30_000,
  });

/** `POST /api/v1/orders`. The caller keeps `idempotencyKey` across retries of the same ticket submit. */
export const submitOrder = (order: SubmitOrder): Promise<Order> =>
  call((o) => api.orders.$post({ json: order }, o), orderSchema);

/** `DELETE /api/v1/orders/:id`. */
export const cancelOrder = (orderId: string): Promise<Order> =>
  // hc puts params into the path as they are: encode the id (the BFF decodes it).
  call((o) => api.orders[":id"].$delete({ param: { id: encodeURIComponent(orderId) } }, o), orderSchema);

/** `POST /api/v1/orders/cancel-all` → how many were cancelled. */
export const cancelAllOrders = (): Promise<{ canceled: number }> =>
  call((o) => api.orders["cancel-all"].$post({}, o), cancelAllResponseSchema);

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
