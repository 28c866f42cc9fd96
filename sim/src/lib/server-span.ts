import type { IncomingMessage } from "node:http";
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
} from "@opentelemetry/api";
import { runWithRequestContext } from "@pregao/telemetry";

/** The simulator's tracer; a no-op until a provider is registered (main.ts, or a test's own). */
export const tracer = trace.getTracer("pregao-sim");

const REQUEST_ID = /^[\w.:-]{1,255}$/;

/**
 * Serves one request in a SERVER span `<METHOD> <route template>` that continues the caller's W3C `traceparent`
 * (the BFF's CLIENT span), inside a request context carrying the caller's `x-request-id` for the log lines.
 * `status` reads the answer's status code once `serve` settles (undefined for a WebSocket upgrade).
 */
export async function serveTraced(
  req: IncomingMessage,
  route: string | null,
  status: () => number | undefined,
  serve: () => Promise<void>,
): Promise<void> {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const method = req.method ?? "GET";
  const attributes: Attributes = { "http.request.method": method };
  if (route) attributes["http.route"] = route;
  const span = tracer.startSpan(
    route ? `${method} ${route}` : method,
    { kind: SpanKind.SERVER, attributes },
    parent,
  );
  const id = req.headers["x-request-id"];
  const requestId = typeof id === "string" && REQUEST_ID.test(id) ? id : undefined;
  try {
    await context.with(trace.setSpan(parent, span), () =>
      requestId ? runWithRequestContext({ requestId }, serve) : serve(),
    );
  } finally {
    const code = status();
    if (code !== undefined) span.setAttribute("http.response.status_code", code);
    if (code !== undefined && code >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}

/** Runs synchronous work (risk check, matching) in an INTERNAL child span of the active one. */
export function inSpan<T>(name: string, attributes: Attributes, fn: () => T): T {
  return tracer.startActiveSpan(name, { attributes }, (span) => {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code === "string") span.setAttribute("pregao.error.code", code);
      else {
        span.recordException(err instanceof Error ? err : String(err));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      throw err;
    } finally {
      span.end();
    }
  });
}
