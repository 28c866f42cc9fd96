import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceTokenClaims } from "@pregao/contracts";
import { ServiceAuthError } from "../lib/service-auth.ts";
import { ServiceError } from "./errors.ts";
import { orderRoutes } from "./order-routes.ts";
import { RateLimitedError, type LimitBucket } from "./rate-limit.ts";
import { riskRoutes } from "./risk-routes.ts";
import type { HttpDeps, Route } from "./route-kit.ts";

export type { HttpDeps } from "./route-kit.ts";

const ROUTES: readonly Route[] = [...orderRoutes, ...riskRoutes];

/** Which OM-SPEC limit buckets a request counts against (besides `overall`). */
function bucketsFor(method: string | undefined, path: string): LimitBucket[] {
  if (path.startsWith("/api/risk/kill-switch")) return ["overall", "killSwitch"];
  if (path.startsWith("/api/orders") && (method === "POST" || method === "DELETE"))
    return ["overall", "ordersWrite"];
  return ["overall"];
}
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
        ...(err.details ? { details: err.details } : {}),
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
