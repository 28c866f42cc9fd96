import { SpanKind, SpanStatusCode, context, propagation, trace, type Span } from "@opentelemetry/api";
import { HttpError } from "../lib/http-error.ts";
import { tracer } from "../lib/tracer.ts";
import { UpstreamUnavailableError } from "./errors.ts";
import type { ServiceName } from "./service-names.ts";

/** `pregao_service_call_duration_seconds{outcome}`: bounded, one per call (retries included). */
export type CallOutcome = "ok" | "client_error" | "unavailable" | "circuit_open";

/** Where each call's duration goes (`pregao_service_call_duration_seconds{service,outcome}` in observability/). */
export interface CallMetrics {
  serviceCallDuration: {
    observe(labels: { service: ServiceName; outcome: CallOutcome }, seconds: number): void;
  };
}

/** UpstreamUnavailableError.reason when the breaker refused the call without trying. */
export const CIRCUIT_OPEN_REASON = "circuit open";

/**
 * The path with its ids replaced (`/api/orders/ORD-20261124-000001` → `/api/orders/:id`): any segment that is not a
 * lower-case word (`orders`, `cancel-all`, `kill-switch`) is a parameter. Keeps span names bounded.
 */
export function pathTemplate(path: string): string {
  return path
    .split("/")
    .map((s) => (s === "" || /^[a-z][a-z-]*$/.test(s) ? s : ":id"))
    .join("/");
}

/** How a call ended, from what it threw (nothing → ok). */
export function outcomeOf(err: unknown): CallOutcome {
  if (err instanceof UpstreamUnavailableError)
    return err.reason === CIRCUIT_OPEN_REASON ? "circuit_open" : "unavailable";
  if (err instanceof HttpError && err.status < 500) return "client_error";
  return "unavailable";
}

function fail(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

/**
 * Runs one service call (every attempt of it) inside an INTERNAL span `call <service> <METHOD> <template>` and
 * records its duration by outcome. A client error (4xx: validation, risk rejection) is the caller's answer, not a
 * failed span.
 */
export async function observeCall<T>(
  service: ServiceName,
  method: string,
  template: string,
  metrics: CallMetrics | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const start = performance.now();
  let outcome: CallOutcome = "ok";
  const attributes = { "pregao.service": service, "http.request.method": method, "url.template": template };
  try {
    return await tracer.startActiveSpan(
      `call ${service} ${method} ${template}`,
      { kind: SpanKind.INTERNAL, attributes },
      async (span) => {
        try {
          return await fn();
        } catch (err) {
          outcome = outcomeOf(err);
          if (outcome !== "client_error") fail(span, err);
          throw err;
        } finally {
          span.setAttribute("pregao.service.outcome", outcome);
          span.end();
        }
      },
    );
  } finally {
    metrics?.serviceCallDuration.observe({ service, outcome }, (performance.now() - start) / 1000);
  }
}

/**
 * Runs one HTTP attempt inside a CLIENT span `<service> <METHOD> <template>`; `fn` receives the headers to send with
 * the W3C `traceparent` of that span injected, so the service continues the trace.
 */
export async function traceAttempt<T extends { status: number }>(
  service: ServiceName,
  method: string,
  template: string,
  url: URL,
  attempt: number,
  fn: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  const attributes = {
    "http.request.method": method,
    "url.template": template,
    "server.address": url.hostname,
    "server.port": Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    ...(attempt > 0 ? { "http.request.resend_count": attempt } : {}),
  };
  const span = tracer.startSpan(`${service} ${method} ${template}`, { kind: SpanKind.CLIENT, attributes });
  const ctx = trace.setSpan(context.active(), span);
  const headers: Record<string, string> = {};
  propagation.inject(ctx, headers);
  try {
    const res = await context.with(ctx, () => fn(headers));
    span.setAttribute("http.response.status_code", res.status);
    if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.status}` });
    return res;
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (typeof status === "number") span.setAttribute("http.response.status_code", status);
    fail(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** A CLIENT span around a WebSocket handshake; `headers` carry its `traceparent`. End it once, on open or failure. */
export interface ConnectSpan {
  headers: Record<string, string>;
  end(error?: string): void;
}

/** Starts the span `<service> GET <path>` for a WebSocket connect (the order stream). */
export function startConnectSpan(service: ServiceName, url: URL): ConnectSpan {
  // A root: a reconnect scheduled from an earlier connect's callbacks must not nest in (and grow) that trace.
  const span = tracer.startSpan(`${service} GET ${url.pathname}`, {
    root: true,
    kind: SpanKind.CLIENT,
    attributes: {
      "http.request.method": "GET",
      "url.template": url.pathname,
      "server.address": url.hostname,
    },
  });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  let ended = false;
  return {
    headers,
    end: (error) => {
      if (ended) return;
      ended = true;
      if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
      span.end();
    },
  };
}
