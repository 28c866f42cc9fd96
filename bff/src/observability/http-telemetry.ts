import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type TextMapGetter,
} from "@opentelemetry/api";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-env.ts";
import type { Logger } from "../lib/logger.ts";
import type { BffMetrics } from "./metrics.ts";
import { runWithRequestContext } from "@pregao/telemetry";
import { tracer } from "./spans.ts";

/** Route label for a request no route matched (404s, probes for random paths). */
export const UNMATCHED = "unmatched";
/** Route label for the SPA's files and its index.html fallback. */
export const STATIC = "static";

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

const isApiPath = (path: string) =>
  path.startsWith("/api/") || path.startsWith("/health/") || path.startsWith("/.well-known/");

/**
 * The route template that served (or refused) the request — `/api/v1/orders/:id`, never the raw path with ids — so
 * labels and span names stay bounded. A middleware that answered first (403, 429) still gets its route's template.
 */
export function routeTemplate(c: Context, status: number): string {
  const routes = matchedRoutes(c);
  const isHandler = (r: { method: string; path: string } | undefined) =>
    r !== undefined && r.method !== "ALL" && !r.path.includes("*");
  const responder = routes[c.req.routeIndex];
  const route = isHandler(responder) ? responder : routes.find(isHandler);
  if (route) return route.path;
  return status < 400 && !isApiPath(c.req.path) ? STATIC : UNMATCHED;
}

export interface HttpTelemetryOptions {
  logger: Logger;
  /** Records `pregao_http_request_duration_seconds`; absent → no metric (unit tests). */
  metrics?: Pick<BffMetrics, "httpDuration">;
}

/**
 * Per request: a SERVER span `<METHOD> <route template>` continuing the caller's W3C `traceparent`, the request
 * context (requestId) for every log line written while serving it, the `x-trace-id` response header, the HTTP
 * duration histogram and one access log line (debug for `/health/*`). Mount right after `requestId()`.
 */
export function httpTelemetry(options: HttpTelemetryOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    const method = c.req.method;
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, headerGetter);
    const span = tracer.startSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": method } },
      parent,
    );
    const requestId = c.get("requestId");
    await context.with(trace.setSpan(parent, span), () =>
      runWithRequestContext({ requestId }, async () => {
        try {
          await next();
        } finally {
          const status = c.res.status;
          const route = routeTemplate(c, status);
          const durationMs = performance.now() - start;
          if (route !== UNMATCHED) {
            span.updateName(`${method} ${route}`);
            span.setAttribute("http.route", route);
          }
          span.setAttribute("http.response.status_code", status);
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          c.header("x-trace-id", span.spanContext().traceId);
          options.metrics?.httpDuration.observe({ method, route, status: String(status) }, durationMs / 1000);
          const ms = Math.round(durationMs * 10) / 10;
          const line = { requestId, method, route, path: c.req.path, status, durationMs: ms };
          if (c.req.path.startsWith("/health/")) options.logger.debug(line, "request");
          else options.logger.info(line, "request");
          span.end();
        }
      }),
    );
  };
}
