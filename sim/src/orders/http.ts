import type { IncomingMessage, ServerResponse } from "node:http";
import {
  accountRefSchema,
  killSwitchActivateSchema,
  killSwitchDeactivateSchema,
  orderListQuerySchema,
  submitOrderSchema,
  updateRiskLimitsSchema,
  type AccountRef,
  type ServiceAudience,
  type ServiceTokenClaims,
} from "@pregao/contracts";
import type { Logger } from "pino";
import { z } from "zod";
import { inSpan } from "../lib/server-span.ts";
import { hasRole, ServiceAuthError, type ServiceAuth } from "../lib/service-auth.ts";
import { ServiceError } from "./errors.ts";
import type { OrderManager } from "./order-manager.ts";
import { accountKey } from "./positions.ts";
import { RateLimitedError, type LimitBucket, type ServiceRateLimiter } from "./rate-limit.ts";

export interface HttpDeps {
  manager: OrderManager;
  auth: ServiceAuth;
  log: Logger;
  limits: ServiceRateLimiter;
}

/** Which OM-SPEC limit buckets a request counts against (besides `overall`). */
function bucketsFor(method: string | undefined, path: string): LimitBucket[] {
  if (path.startsWith("/api/risk/kill-switch")) return ["overall", "killSwitch"];
  if (path.startsWith("/api/orders") && (method === "POST" || method === "DELETE"))
    return ["overall", "ordersWrite"];
  return ["overall"];
}
interface Ctx {
  claims: ServiceTokenClaims;
  body: () => Promise<unknown>;
  query: URLSearchParams;
  params: string[];
}
type Handler = (deps: HttpDeps, ctx: Ctx) => { status?: number; data: unknown; message?: string };
type Route = [
  method: string,
  path: RegExp,
  audience: ServiceAudience,
  handler: (d: HttpDeps, c: Ctx) => Promise<ReturnType<Handler>> | ReturnType<Handler>,
];

const parse = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> => {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ServiceError(400, "VALIDATION_FAILED", issue.message, issue.path.join(".") || undefined);
};
const requireRole = (c: Ctx, role: "risk" | "trader") => {
  if (!hasRole(c.claims, role)) throw new ServiceError(403, "FORBIDDEN", `role ${role} required`);
};
/** Accounts this token may read: all for risk, else its own. */
const readable = (c: Ctx) => {
  if (hasRole(c.claims, "risk")) return () => true;
  const own = new Set(c.claims.accounts.map(accountKey));
  return (a: AccountRef) => own.has(accountKey(a));
};
const owns = (c: Ctx, a: AccountRef) => c.claims.accounts.some((x) => accountKey(x) === accountKey(a));
const dailyLoss = (d: HttpDeps, c: Ctx) => {
  const accounts = d.manager.knownAccounts().filter(readable(c));
  return accounts.reduce((sum, a) => sum + d.manager.positions.dailyLoss(a), 0);
};

const ROUTES: Route[] = [
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
  ["GET", /^\/api\/risk\/limits$/, "risk", (d, c) => ({ data: d.manager.risk.limits(dailyLoss(d, c)) })],
  [
    "PUT",
    /^\/api\/risk\/limits$/,
    "risk",
    async (d, c) => {
      requireRole(c, "risk");
      const patch = parse(updateRiskLimitsSchema, await c.body());
      if (d.manager.risk.killSwitch.active)
        throw new ServiceError(403, "FORBIDDEN", "limits are frozen while the kill switch is active");
      d.manager.risk.update(patch, c.claims.sub);
      d.log.warn({ audit: "risk_limits_updated", by: c.claims.sub, patch }, "risk limits updated");
      return { data: d.manager.risk.limits(dailyLoss(d, c)) };
    },
  ],
  [
    "POST",
    /^\/api\/risk\/kill-switch$/,
    "risk",
    async (d, c) => {
      requireRole(c, "risk");
      const { reason, cancelAll } = parse(killSwitchActivateSchema, await c.body());
      const { state, ordersCanceled } = d.manager.activateKillSwitch(reason, c.claims.sub, cancelAll);
      return { data: { ...state, ordersCanceled }, message: "Kill switch activated, all orders canceled" };
    },
  ],
  [
    "POST",
    /^\/api\/risk\/kill-switch\/deactivate$/,
    "risk",
    async (d, c) => {
      requireRole(c, "risk");
      const { reason } = parse(killSwitchDeactivateSchema, await c.body());
      return { data: { ...d.manager.deactivateKillSwitch(reason, c.claims.sub), ordersCanceled: 0 } };
    },
  ],
  [
    "GET",
    /^\/api\/risk\/positions$/,
    "risk",
    (d, c) => {
      const positions = d.manager.positions.list(readable(c));
      const sum = (f: (p: (typeof positions)[number]) => number) =>
        Math.round(positions.reduce((s, p) => s + f(p), 0) * 100) / 100;
      return {
        data: {
          asOf: Date.now(),
          positions,
          totalRealizedPnl: sum((p) => p.realizedPnl),
          totalUnrealizedPnl: sum((p) => p.unrealizedPnl),
          totalExposure: sum((p) => Math.abs(p.netQuantity * (p.marketPrice ?? 0))),
        },
      };
    },
  ],
  [
    "GET",
    /^\/api\/risk\/audit$/,
    "risk",
    (d, c) => {
      requireRole(c, "risk");
      const { limit } = parse(
        z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        Object.fromEntries(c.query),
      );
      return { data: d.manager.risk.recent(limit) };
    },
  ],
];

/** The template (`/api/orders/:id`) of the route serving `method path`, or null when none does (span names). */
export function apiRoute(method: string | undefined, path: string): string | null {
  const route = ROUTES.find(([m, re]) => m === method && re.test(path));
  if (!route) return null;
  return route[1].source.slice(1, -1).replaceAll("\\/", "/").replaceAll("([\\w-]+)", ":id");
}

/** Serves `/api/orders*` and `/api/risk*` with the OM-SPEC envelopes. Returns false when no route matches. */
export async function handleApi(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  let claims: ServiceTokenClaims | undefined;
  try {
    const candidates = ROUTES.filter(([, re]) => re.test(url.pathname));
    const route = candidates.find(([m]) => m === req.method);
    if (!route)
      throw new ServiceError(
        candidates.length ? 405 : 404,
        "NOT_FOUND",
        `no route ${req.method} ${url.pathname}`,
      );
    const [, re, audience, handler] = route;
    claims = await deps.auth.verify(req.headers.authorization, audience);
    deps.limits.take(claims.sub, bucketsFor(req.method, url.pathname));
    const params = re.exec(url.pathname)!.slice(1);
    const out = await handler(deps, { claims, params, query: url.searchParams, body: () => readJson(req) });
    send(res, out.status ?? 200, {
      success: true,
      data: out.data,
      ...(out.message ? { message: out.message } : {}),
    });
  } catch (err) {
    if (err instanceof ServiceAuthError) {
      deps.log.warn(
        {
          audit: "service_auth_refused",
          reason: err.reason,
          method: req.method,
          path: url.pathname,
          ip: req.socket.remoteAddress,
        },
        "service token refused",
      );
      return send(res, err.status, { success: false, error: err.message, code: err.code });
    }
    if (err instanceof RateLimitedError) {
      res.setHeader("retry-after", String(err.retryAfterS));
      res.setHeader("ratelimit-limit", String(err.limit));
      res.setHeader("ratelimit-remaining", "0");
      res.setHeader("ratelimit-reset", String(err.retryAfterS));
      return send(res, 429, {
        success: false,
        error: err.message,
        code: err.code,
        retryAfter: err.retryAfterS,
      });
    }
    if (err instanceof ServiceError) {
      if (err.status === 403)
        deps.log.warn(
          {
            audit: "forbidden",
            code: err.code,
            userId: claims?.sub,
            path: url.pathname,
            reason: err.message,
          },
          "request refused",
        );
      return send(res, err.status, {
        success: false,
        error: err.message,
        code: err.code,
        ...(err.field ? { field: err.field } : {}),
      });
    }
    deps.log.error({ err }, "order manager failed");
    send(res, 500, { success: false, error: "internal error", code: "INTERNAL" });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new ServiceError(413, "VALIDATION_FAILED", "body over 64 KiB");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ServiceError(400, "VALIDATION_FAILED", "body is not valid JSON");
  }
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
