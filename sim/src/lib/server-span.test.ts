import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ServiceError } from "../orders/errors.ts";
import { apiRoute } from "../orders/http.ts";
import { createLogger, REDACTED } from "@pregao/telemetry";
import { inSpan, serveTraced } from "./server-span.ts";

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const lines: Record<string, unknown>[] = [];
const log = createLogger({
  level: "info",
  svc: "sim",
  destination: { write: (s) => lines.push(JSON.parse(s) as Record<string, unknown>) },
});
let server: Server;
let url = "";

beforeAll(async () => {
  provider.register();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    void serveTraced(
      req,
      apiRoute(req.method, path),
      () => res.statusCode,
      async () => {
        try {
          inSpan("order.execute", {}, () => {
            log.info({ path }, "executing");
            if (path.endsWith("/cancel-all")) throw new ServiceError(403, "RISK_REJECTED", "no");
          });
          res.writeHead(path === "/boom" ? 500 : 201).end();
        } catch {
          res.writeHead(403).end();
        }
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await provider.shutdown();
  trace.disable();
});
beforeEach(() => {
  exporter.reset();
  lines.length = 0;
});

const traceId = "0af7651916cd43dd8448eb211c80319c";
const parentId = "b7ad6b7169203331";

describe("apiRoute", () => {
  it.each([
    ["POST", "/api/orders", "/api/orders"],
    ["GET", "/api/orders/ORD-20261124-000001", "/api/orders/:id"],
    ["DELETE", "/api/orders/ORD-1", "/api/orders/:id"],
    ["POST", "/api/orders/cancel-all", "/api/orders/cancel-all"],
    ["POST", "/api/risk/kill-switch/deactivate", "/api/risk/kill-switch/deactivate"],
    ["PUT", "/api/risk/limits", "/api/risk/limits"],
  ])("%s %s → %s", (method, path, template) => expect(apiRoute(method, path)).toBe(template));
  it("null when no route serves it (span named by the method only)", () => {
    expect(apiRoute("PATCH", "/api/orders")).toBeNull();
    expect(apiRoute("GET", "/nope")).toBeNull();
  });
});

describe("serveTraced", () => {
  it("continues the caller's traceparent in a SERVER span; child spans and log lines join it", async () => {
    const res = await fetch(`${url}/api/orders`, {
      method: "POST",
      headers: { traceparent: `00-${traceId}-${parentId}-01`, "x-request-id": "rq-9" },
    });
    expect(res.status).toBe(201);
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    const child = spans.find((s) => s.name === "order.execute")!;
    expect(server).toMatchObject({ name: "POST /api/orders" });
    expect(server.instrumentationScope.name).toBe("pregao-sim");
    expect(server.spanContext().traceId).toBe(traceId);
    expect(server.parentSpanContext?.spanId).toBe(parentId);
    expect(server.attributes).toMatchObject({
      "http.route": "/api/orders",
      "http.response.status_code": 201,
    });
    expect(child.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(lines.find((l) => l.msg === "executing")).toMatchObject({
      svc: "sim",
      level: "info",
      requestId: "rq-9",
      trace_id: traceId,
      span_id: child.spanContext().spanId,
    });
  });

  it("a refusal is an attribute, not an error; a 5xx fails the span; unknown routes use the method only", async () => {
    await fetch(`${url}/api/orders/cancel-all`, { method: "POST" });
    const child = exporter.getFinishedSpans().find((s) => s.name === "order.execute")!;
    expect(child.attributes["pregao.error.code"]).toBe("RISK_REJECTED");
    expect(child.status.code).toBe(SpanStatusCode.UNSET);
    exporter.reset();
    await fetch(`${url}/boom`);
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.name).toBe("GET");
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe("sim logger redaction", () => {
  it.each([
    ["headers.authorization", (v: string) => ({ headers: { authorization: `Bearer ${v}` } })],
    ["req.headers.cookie", (v: string) => ({ req: { headers: { cookie: v } } })],
    ["password", (v: string) => ({ password: v })],
    ["claims.token", (v: string) => ({ claims: { token: v } })],
    ["FEED_TOKEN", (v: string) => ({ FEED_TOKEN: v })],
    ["SIM_CONTROL_TOKEN", (v: string) => ({ env: { SIM_CONTROL_TOKEN: v } })],
  ])("redacts %s", (_n, shape) => {
    const secret = `sim-secret-${Math.random().toString(36).slice(2)}`;
    log.warn(shape(secret), "x");
    const out = JSON.stringify(lines);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });
});
