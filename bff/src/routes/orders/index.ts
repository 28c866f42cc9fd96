import {
  cancelAllResponseSchema,
  orderListResponseSchema,
  orderSchema,
  type AccountRef,
  type SessionUser,
} from "@pregao/contracts";
import { HttpError } from "../../lib/http-error.ts";
import { audited } from "../../security/trading-audit.ts";
import type { AuditSink } from "../../session/audit-sink.ts";
import type { ServiceCaller } from "../../services/index.ts";
import { subjectOf } from "../../services/subject.ts";
import { routeApp } from "../route-app.ts";
import { ordersDefs } from "./defs.ts";
import { assertOnTickGrid, type TickSizeOf } from "./tick-grid.ts";

export interface TradingDeps {
  services: { orderManager: ServiceCaller; risk: ServiceCaller };
  audit: AuditSink;
  /** Tick size per asset from the feed's catalog; absent (unit tests) → the order manager alone checks the grid. */
  tickSizeOf?: TickSizeOf;
}

const owns = (user: SessionUser, a: AccountRef) =>
  user.accounts.some((o) => o.brokerId === a.brokerId && o.accountId === a.accountId);

/**
 * `/api/v1/orders`: submit, list, get, cancel, cancel-all — forwarded to the order manager with a service token for
 * the session user. The BFF checks account ownership and the tick grid itself before forwarding (defence in depth: the
 * service checks both again). Refusals keep the service's code, field and numeric details (services/envelope.ts).
 */
export const ordersRoute = (deps: TradingDeps) => {
  const om = deps.services.orderManager;
  return routeApp()
    .openapi(ordersDefs.submit, async (c) => {
      const { user } = c.get("session")!;
      const body = c.req.valid("json");
      const details = {
        account: body.account,
        asset: body.asset,
        side: body.side,
        idempotencyKey: body.idempotencyKey,
      };
      const res = await audited(
        deps.audit,
        c,
        "order.submit",
        details,
        async () => {
          if (!owns(user, body.account)) throw new HttpError(403, "FORBIDDEN", "not your account", "account");
          if (deps.tickSizeOf) assertOnTickGrid(body, deps.tickSizeOf);
          return om.call({
            method: "POST",
            path: "/api/orders",
            body,
            subject: subjectOf(user),
            idempotent: true,
            data: orderSchema,
            requestId: c.get("requestId"),
          });
        },
        (r) => ({ orderId: r.data.orderId }),
      );
      return c.json(res.data, res.status === 200 ? 200 : 201);
    })
    .openapi(ordersDefs.list, async (c) => {
      const { user } = c.get("session")!;
      const res = await om.call({
        method: "GET",
        path: "/api/orders",
        query: c.req.valid("query"),
        subject: subjectOf(user),
        idempotent: true,
        data: orderListResponseSchema,
        requestId: c.get("requestId"),
      });
      c.header("Cache-Control", "no-store");
      return c.json(res.data, 200);
    })
    .openapi(ordersDefs.cancelAll, async (c) => {
      const { user } = c.get("session")!;
      const res = await audited(deps.audit, c, "order.cancel_all", {}, () =>
        om.call({
          method: "POST",
          path: "/api/orders/cancel-all",
          body: {},
          subject: subjectOf(user),
          idempotent: true,
          data: cancelAllResponseSchema,
          requestId: c.get("requestId"),
        }),
      );
      return c.json(res.data, 200);
    })
    .openapi(ordersDefs.one, async (c) => {
      const { user } = c.get("session")!;
      const { id } = c.req.valid("param");
      const res = await om.call({
        method: "GET",
        path: `/api/orders/${encodeURIComponent(id)}`,
        subject: subjectOf(user),
        idempotent: true,
        data: orderSchema,
        requestId: c.get("requestId"),
      });
      c.header("Cache-Control", "no-store");
      return c.json(res.data, 200);
    })
    .openapi(ordersDefs.cancel, async (c) => {
      const { user } = c.get("session")!;
      const { id } = c.req.valid("param");
      const res = await audited(
        deps.audit,
        c,
        "order.cancel",
        { orderId: id },
        () =>
          om.call({
            method: "DELETE",
            path: `/api/orders/${encodeURIComponent(id)}`,
            subject: subjectOf(user),
            idempotent: true,
            data: orderSchema,
            requestId: c.get("requestId"),
          }),
        (r) => ({ asset: r.data.asset }),
      );
      return c.json(res.data, 200);
    });
};
