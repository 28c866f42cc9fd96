import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "../lib/http-error.ts";
import { silentLogger } from "../lib/logger.ts";
import { BffMetrics } from "../observability/metrics.ts";
import { outcomeOf, pathTemplate } from "./call-telemetry.ts";
import { UpstreamUnavailableError } from "./errors.ts";
import { ServiceClient } from "./service-client.ts";
import { BFF_SUBJECT } from "./token-minter.ts";

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let server: Server;
let url = "";
let replies: { status: number; body: unknown }[] = [];
let traceparents: (string | undefined)[] = [];

beforeAll(async () => {
  provider.register();
  server = createServer((req, res) => {
    traceparents.push(req.headers.traceparent as string | undefined);
    const r = replies.shift() ?? { status: 200, body: { success: true, data: { ok: 1 } } };
    res.writeHead(r.status, { "content-type": "application/json" }).end(JSON.stringify(r.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await provider.shutdown();
  trace.disable();
});
let metrics: BffMetrics;
beforeEach(() => {
  exporter.reset();
  replies = [];
  traceparents = [];
  metrics = new BffMetrics({ defaultMetrics: false });
});

const client = () =>
  new ServiceClient({
    service: "order-manager",
    audience: "order-manager",
    baseUrl: url,
    minter: { mint: async () => "tok" },
    logger: silentLogger,
    timeoutMs: 500,
    breakerThreshold: 2,
    breakerCooldownMs: 60_000,
    retries: 1,
    retryBaseMs: 1,
    metrics,
  });
const get = (path: string) => ({
  method: "GET" as const,
  path,
  subject: BFF_SUBJECT,
  idempotent: true,
  data: z.object({ ok: z.number() }),
});
const outcomes = async () =>
  Object.fromEntries(
    (await metrics.serviceCallDuration.get()).values
      .filter((v) => v.metricName?.endsWith("_count"))
      .map((v) => [v.labels.outcome, v.value]),
  );

describe("pathTemplate / outcomeOf", () => {
  it.each([
    ["/api/orders", "/api/orders"],
    ["/api/orders/ORD-20261124-000001", "/api/orders/:id"],
    ["/api/orders/cancel-all", "/api/orders/cancel-all"],
    ["/api/risk/kill-switch/deactivate", "/api/risk/kill-switch/deactivate"],
    ["/api/orders/7f3a", "/api/orders/:id"],
  ])("%s → %s", (path, template) => expect(pathTemplate(path)).toBe(template));

  it("maps errors to bounded outcomes", () => {
    expect(outcomeOf(new UpstreamUnavailableError("risk", "circuit open"))).toBe("circuit_open");
    expect(outcomeOf(new UpstreamUnavailableError("risk", "timeout"))).toBe("unavailable");
    expect(outcomeOf(new HttpError(403, "RISK_REJECTED", "limit"))).toBe("client_error");
    expect(outcomeOf(new Error("?"))).toBe("unavailable");
  });
});

describe("ServiceClient telemetry", () => {
  it("one INTERNAL span per call, one CLIENT span per attempt, whose traceparent the service receives", async () => {
    replies = [{ status: 503, body: {} }]; // first attempt fails, the retry succeeds
    await client().call(get("/api/orders/ORD-1"));
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.kind === SpanKind.INTERNAL)!;
    const attempts = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(call.name).toBe("call order-manager GET /api/orders/:id");
    expect(attempts.map((s) => s.name)).toEqual([
      "order-manager GET /api/orders/:id",
      "order-manager GET /api/orders/:id",
    ]);
    expect(attempts.map((s) => s.attributes["http.response.status_code"])).toEqual([503, 200]);
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempts[1]!.attributes["http.request.resend_count"]).toBe(1);
    for (const a of attempts) expect(a.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    expect(traceparents).toEqual(
      attempts.map((a) => `00-${a.spanContext().traceId}-${a.spanContext().spanId}-01`),
    );
    expect(await outcomes()).toEqual({ ok: 1 });
  });

  it("records client_error, unavailable and circuit_open per call", async () => {
    const c = client();
    replies = [{ status: 403, body: { success: false, error: "limit", code: "RISK_REJECTED" } }];
    await expect(c.call(get("/api/orders"))).rejects.toMatchObject({ code: "RISK_REJECTED" });
    expect(exporter.getFinishedSpans().find((s) => s.kind === SpanKind.INTERNAL)!.status.code).toBe(
      SpanStatusCode.UNSET,
    );
    replies = [
      { status: 500, body: {} },
      { status: 500, body: {} },
    ];
    await expect(c.call(get("/api/orders"))).rejects.toBeInstanceOf(UpstreamUnavailableError); // 2 failures: opens
    await expect(c.call(get("/api/orders"))).rejects.toMatchObject({ reason: "circuit open" });
    expect(await outcomes()).toEqual({ client_error: 1, unavailable: 1, circuit_open: 1 });
  });
});
