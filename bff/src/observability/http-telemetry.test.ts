import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppEnv } from "../app-env.ts";
import { createLogger } from "@pregao/telemetry";
import { httpTelemetry } from "./http-telemetry.ts";
import { BffMetrics } from "./metrics.ts";

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => void provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});

let lines: Record<string, unknown>[] = [];
let metrics: BffMetrics;
beforeEach(() => {
  exporter.reset();
  lines = [];
  metrics = new BffMetrics({ defaultMetrics: false });
});

function app() {
  const logger = createLogger({
    level: "debug",
    svc: "bff",
    destination: { write: (s) => lines.push(JSON.parse(s) as Record<string, unknown>) },
  });
  const a = new Hono<AppEnv>().use(requestId()).use(httpTelemetry({ logger, metrics }));
  a.use("/api/v1/locked/*", async (c) => c.json({ error: "no" }, 403));
  a.get("/api/v1/orders/:id", async (c) => {
    await new Promise((r) => setTimeout(r, 1));
    logger.info({ orderId: c.req.param("id") }, "handler");
    return c.json({ id: c.req.param("id") });
  });
  a.get("/api/v1/locked/:thing", (c) => c.json({ ok: true }));
  a.get("/api/v1/boom", () => {
    throw new Error("boom");
  });
  a.get("/health/live", (c) => c.json({ status: "pass" }));
  a.onError((_e, c) => c.json({ error: "internal" }, 500));
  a.get("*", (c) => (c.req.path.startsWith("/api/") ? c.notFound() : c.html("<html></html>")));
  return a;
}

const parent = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" };
const traceparent = `00-${parent.traceId}-${parent.spanId}-01`;
const routesObserved = async () =>
  (await metrics.httpDuration.get()).values
    .filter((v) => v.metricName === "pregao_http_request_duration_seconds_count")
    .map((v) => `${v.labels.method} ${v.labels.route} ${v.labels.status}`);

describe("httpTelemetry", () => {
  it("one SERVER span per request, named by route template, continuing the browser's traceparent", async () => {
    const res = await app().request("/api/v1/orders/ORD-1", { headers: { traceparent } });
    expect(res.status).toBe(200);
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: "GET /api/v1/orders/:id", kind: SpanKind.SERVER });
    expect(span!.spanContext().traceId).toBe(parent.traceId);
    expect(span!.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(span!.attributes).toMatchObject({
      "http.request.method": "GET",
      "http.route": "/api/v1/orders/:id",
      "http.response.status_code": 200,
    });
    expect(res.headers.get("x-trace-id")).toBe(parent.traceId);
  });

  it("every line in the request carries its requestId and trace ids; one access line per request", async () => {
    const res = await app().request("/api/v1/orders/ORD-2", { headers: { "x-request-id": "rq-7" } });
    const span = exporter.getFinishedSpans()[0]!;
    const handler = lines.find((l) => l.msg === "handler")!;
    expect(handler).toMatchObject({ requestId: "rq-7", trace_id: span.spanContext().traceId });
    const access = lines.filter((l) => l.msg === "request");
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: "info",
      requestId: "rq-7",
      method: "GET",
      route: "/api/v1/orders/:id",
      path: "/api/v1/orders/ORD-2",
      status: 200,
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    expect(access[0]!.durationMs).toEqual(expect.any(Number));
    expect(res.headers.get("x-request-id")).toBe("rq-7");
  });

  it("labels: the template (never the id), 'unmatched' for 404s, 'static' for the SPA; refusals keep their route", async () => {
    const a = app();
    await a.request("/api/v1/orders/ORD-3");
    await a.request("/api/v1/orders/ORD-4");
    await a.request("/api/v1/nothing/here");
    await a.request("/trading/desk");
    await a.request("/api/v1/locked/x");
    expect((await routesObserved()).sort()).toEqual([
      "GET /api/v1/locked/:thing 403",
      "GET /api/v1/orders/:id 200",
      "GET static 200",
      "GET unmatched 404",
    ]);
    const count = (await metrics.httpDuration.get()).values.find(
      (v) => v.metricName?.endsWith("_count") && v.labels.route === "/api/v1/orders/:id",
    );
    expect(count?.value).toBe(2);
    const names = exporter.getFinishedSpans().map((s) => s.name);
    expect(names).toContain("GET"); // unmatched: method only (OTel HTTP semconv)
    expect(names.some((n) => n.includes("ORD-"))).toBe(false);
  });

  it("a 5xx marks the span as an error; /health lines are debug", async () => {
    const a = app();
    expect((await a.request("/api/v1/boom")).status).toBe(500);
    expect(exporter.getFinishedSpans()[0]!.status.code).toBe(SpanStatusCode.ERROR);
    await a.request("/health/live");
    expect(lines.filter((l) => l.msg === "request").map((l) => [l.route, l.level])).toEqual([
      ["/api/v1/boom", "info"],
      ["/health/live", "debug"],
    ]);
  });

  it("without a traceparent each request starts its own trace", async () => {
    const a = app();
    await a.request("/api/v1/orders/A");
    await a.request("/api/v1/orders/B");
    const [one, two] = exporter.getFinishedSpans();
    expect(one!.spanContext().traceId).not.toBe(two!.spanContext().traceId);
    expect(one!.parentSpanContext).toBeUndefined();
  });
});
