import { randomBytes, randomUUID } from "node:crypto";
import { SpanKind, trace } from "@opentelemetry/api";
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "@pregao/sim";
import type { Quote } from "@pregao/contracts";
import { createLogger } from "@pregao/telemetry";
import { startBff, type RunningBff } from "../../src/server.ts";
import { call, connect, fastTimings, until, type ClientSocket } from "../helpers/clients.ts";
import { browserHeaders, login } from "../helpers/session.ts";

// One provider for the whole process: the BFF (scope pregao-bff) and the in-process order manager (scope pregao-sim)
// both record here, as two processes exporting to one collector would.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

describe("one order submit → one trace from the browser through the BFF into the order manager", () => {
  let sim: RunningSim;
  let bff: RunningBff;
  let socket: ClientSocket;
  let cookie = "";
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    provider.register();
    sim = await startSim({
      rate: 100,
      assets: 5,
      seed: 5,
      jwksUrl: () => `${bff.url}/.well-known/jwks.json`,
    });
    const logger = createLogger({
      level: "info",
      svc: "bff",
      destination: { write: (s) => logs.push(JSON.parse(s) as Record<string, unknown>) },
    });
    bff = await startBff(
      { ...fastTimings, FEED_URL: sim.feedUrl, ORDER_MANAGER_URL: sim.servicesUrl, RATE_API_PER_MIN: 0 },
      logger,
    );
    await until(() => bff.feed.catalog.known && bff.services.stream.link === "live");
    cookie = await login(bff.url, "trader");
    socket = await connect(bff.url, { cookie });
  });
  afterAll(async () => {
    socket?.disconnect();
    await bff?.close();
    await sim?.close();
    await provider.shutdown();
    trace.disable();
  });

  it("the order stream's WebSocket connect: a CLIENT span the order manager continues (upgrade SERVER span)", () => {
    const spans = exporter.getFinishedSpans();
    const client = spans.find(
      (s) => s.name === "order-manager GET /api/stream" && s.kind === SpanKind.CLIENT,
    );
    const server = spans.find((s) => s.name === "GET /api/stream" && s.kind === SpanKind.SERVER);
    expect(client?.instrumentationScope.name).toBe("pregao-bff");
    expect(server?.instrumentationScope.name).toBe("pregao-sim");
    expect(server!.spanContext().traceId).toBe(client!.spanContext().traceId);
    expect(server!.parentSpanContext?.spanId).toBe(client!.spanContext().spanId);
  });

  it("continues the browser's trace: BFF SERVER → INTERNAL call → CLIENT attempt → sim SERVER → order.execute", async () => {
    const ack = await call(socket, "quotes:subscribe", { assets: ["PETR4:B"] });
    const q = ack.data.quotes[0] as Quote;
    const price = Math.round(((q.bid ?? q.last ?? 30) - 0.2) * 100) / 100;
    const browser = { traceId: randomBytes(16).toString("hex"), spanId: randomBytes(8).toString("hex") };
    exporter.reset();

    const res = await fetch(`${bff.url}/api/v1/orders`, {
      method: "POST",
      headers: {
        ...browserHeaders(bff.url, cookie),
        traceparent: `00-${browser.traceId}-${browser.spanId}-01`,
      },
      body: JSON.stringify({
        account: { brokerId: 308, accountId: "10001" },
        asset: "PETR4:B",
        side: "BUY",
        type: "LIMIT",
        quantity: 100,
        price,
        timeInForce: "DAY",
        idempotencyKey: randomUUID(),
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-trace-id")).toBe(browser.traceId);

    const find = (name: string, kind: SpanKind, scope: string) =>
      exporter
        .getFinishedSpans()
        .find((s) => s.name === name && s.kind === kind && s.instrumentationScope.name === scope);
    const spans = await until(() => {
      const s = {
        bffServer: find("POST /api/v1/orders", SpanKind.SERVER, "pregao-bff"),
        call: find("call order-manager POST /api/orders", SpanKind.INTERNAL, "pregao-bff"),
        client: find("order-manager POST /api/orders", SpanKind.CLIENT, "pregao-bff"),
        simServer: find("POST /api/orders", SpanKind.SERVER, "pregao-sim"),
        execute: find("order.execute", SpanKind.INTERNAL, "pregao-sim"),
        risk: find("risk.check", SpanKind.INTERNAL, "pregao-sim"),
      };
      return Object.values(s).every(Boolean) ? (s as Record<keyof typeof s, ReadableSpan>) : undefined;
    });
    const id = (s: ReadableSpan) => s.spanContext().spanId;
    const parent = (s: ReadableSpan) => s.parentSpanContext?.spanId;
    for (const s of Object.values(spans)) expect(s.spanContext().traceId).toBe(browser.traceId);
    expect(parent(spans.bffServer)).toBe(browser.spanId);
    expect(parent(spans.call)).toBe(id(spans.bffServer));
    expect(parent(spans.client)).toBe(id(spans.call));
    expect(parent(spans.simServer)).toBe(id(spans.client));
    expect(parent(spans.execute)).toBe(id(spans.simServer));
    expect(parent(spans.risk)).toBe(id(spans.execute));
    expect(spans.risk.attributes["pregao.risk.result"]).toBe("approved");
    expect(spans.bffServer.attributes).toMatchObject({
      "http.route": "/api/v1/orders",
      "http.response.status_code": 201,
    });
    expect(spans.client.attributes["http.response.status_code"]).toBe(201);
    expect(spans.call.attributes["pregao.service.outcome"]).toBe("ok");

    // The BFF's log lines for this request carry the browser's trace id and the request id.
    const access = logs.find((l) => l.msg === "request" && l.route === "/api/v1/orders");
    expect(access).toMatchObject({ trace_id: browser.traceId, status: 201, requestId: expect.any(String) });
    // …and the request is measured: HTTP by route template, the service call by outcome.
    const text = (await bff.metrics.expose()).body;
    expect(text).toMatch(
      /pregao_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/orders",status="201"\} 1/,
    );
    expect(text).toMatch(
      /pregao_service_call_duration_seconds_count\{service="order-manager",outcome="ok"\} [1-9]/,
    );
  });
});
