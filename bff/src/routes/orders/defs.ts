import {
  cancelAllResponseSchema,
  orderListQuerySchema,
  orderListResponseSchema,
  orderSchema,
  submitOrderSchema,
} from "@pregao/contracts";
import { orderIdParamSchema } from "../../lib/api-schemas.ts";
import { defineRoute, jsonBody, jsonResponse } from "../route-def.ts";

// Trading: forwarded to the order manager with a service token for the session user.
export const ordersDefs = {
  submit: defineRoute({
    method: "post",
    path: "/api/v1/orders",
    access: "orders:write",
    summary:
      "Submit an order (idempotent by idempotencyKey per user; 428 → resend with confirm and the same key; docs/trading.md)",
    request: { body: jsonBody(submitOrderSchema) },
    responses: {
      201: jsonResponse(orderSchema, "created"),
      200: jsonResponse(orderSchema, "the idempotencyKey was already used for the same order: that order"),
    },
    errors: [400, 403, 409, 422, 428, 429, 503],
  }),
  // Own accounts' orders; a risk user (accounts:read:all) sees every order — the service reads the token's roles.
  list: defineRoute({
    method: "get",
    path: "/api/v1/orders",
    access: "accounts:read:own",
    summary: "Orders of the user's accounts (risk: all)",
    request: { query: orderListQuerySchema },
    responses: { 200: jsonResponse(orderListResponseSchema) },
    errors: [400, 503],
  }),
  cancelAll: defineRoute({
    method: "post",
    path: "/api/v1/orders/cancel-all",
    access: "orders:write",
    summary: "Cancel every working order of the user",
    responses: { 200: jsonResponse(cancelAllResponseSchema) },
    errors: [503],
  }),
  one: defineRoute({
    method: "get",
    path: "/api/v1/orders/{id}",
    access: "accounts:read:own",
    summary: "One order",
    request: { params: orderIdParamSchema },
    responses: { 200: jsonResponse(orderSchema) },
    errors: [400, 404, 503],
  }),
  cancel: defineRoute({
    method: "delete",
    path: "/api/v1/orders/{id}",
    access: "orders:write",
    summary: "Cancel an order",
    request: { params: orderIdParamSchema },
    responses: { 200: jsonResponse(orderSchema) },
    errors: [400, 404, 409, 503],
  }),
};
