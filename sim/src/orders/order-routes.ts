import { accountRefSchema, orderListQuerySchema, submitOrderSchema } from "@pregao/contracts";
import { z } from "zod";
import { inSpan } from "../lib/server-span.ts";
import { ServiceError } from "./errors.ts";
import { accountKey } from "./positions.ts";
import { owns, parse, readable, requireRole, type Route } from "./route-kit.ts";

/** OM-SPEC `/api/orders*` (audience order-manager). */
export const orderRoutes: Route[] = [
  [
    "POST",
    /^\/api\/orders$/,
    "order-manager",
    async (d, c) => {
      const body = parse(submitOrderSchema, await c.body());
      requireRole(c, "trader");
      if (!owns(c, body.account)) throw new ServiceError(403, "FORBIDDEN", "account not yours", "account");
      const attributes = {
        "pregao.asset": body.asset,
        "pregao.order.side": body.side,
        "pregao.order.type": body.type,
      };
      const { order, created } = inSpan("order.execute", attributes, () => d.manager.submit(c.claims, body));
      return { status: created ? 201 : 200, data: order };
    },
  ],
  [
    "GET",
    /^\/api\/orders$/,
    "order-manager",
    (d, c) => {
      const q = parse(orderListQuerySchema, Object.fromEntries(c.query));
      const all = d.manager.list({
        accounts: readable(c),
        ...(q.status ? { status: q.status } : {}),
        ...(q.asset ? { asset: q.asset } : {}),
      });
      return {
        data: {
          orders: all.slice(q.offset, q.offset + q.limit),
          total: all.length,
          limit: q.limit,
          offset: q.offset,
        },
      };
    },
  ],
  [
    "POST",
    /^\/api\/orders\/cancel-all$/,
    "order-manager",
    async (d, c) => {
      requireRole(c, "trader");
      const { account } = parse(z.object({ account: accountRefSchema.optional() }), await c.body());
      if (account && !owns(c, account))
        throw new ServiceError(403, "FORBIDDEN", "account not yours", "account");
      const targets = new Set((account ? [account] : c.claims.accounts).map(accountKey));
      return {
        data: {
          canceled: d.manager.cancelWhere((a) => targets.has(accountKey(a)), "Canceled by user (cancel all)"),
        },
      };
    },
  ],
  [
    "GET",
    /^\/api\/orders\/([\w-]+)$/,
    "order-manager",
    (d, c) => {
      const o = d.manager.get(c.params[0]!);
      if (!o || !readable(c)(o.account)) throw new ServiceError(404, "NOT_FOUND", "order not found");
      return { data: o };
    },
  ],
  [
    "DELETE",
    /^\/api\/orders\/([\w-]+)$/,
    "order-manager",
    (d, c) => {
      const o = d.manager.get(c.params[0]!);
      if (!o || !readable(c)(o.account)) throw new ServiceError(404, "NOT_FOUND", "order not found");
      requireRole(c, "trader");
      if (!owns(c, o.account)) throw new ServiceError(403, "FORBIDDEN", "account not yours");
      return { data: d.manager.cancel(o.orderId) };
    },
  ],
];
