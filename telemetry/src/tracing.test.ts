import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { context, metrics, propagation, trace } from "@opentelemetry/api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { otlpTracesUrl, startTracing } from "./tracing.ts";

/** A stand-in OTLP/HTTP collector: records every request (path and decoded JSON body). */
const received: { method: string; path: string; body: unknown }[] = [];
let collector: Server;
let base = "";
beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let raw = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = raw.length; // protobuf or anything else: not what we send, but still a request
      }
      received.push({ method: req.method ?? "", path: req.url ?? "", body });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => collector.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => collector.close(() => r())));
// Fetched per test: trace.disable() orphans tracers obtained before it (production never disables).
const tracer = () => trace.getTracer("pregao-bff");
afterEach(() => {
  received.length = 0;
  // Each test starts its own SDK; let the next one register its providers.
  trace.disable();
  context.disable();
  propagation.disable();
  metrics.disable();
});

interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { scope: { name: string }; spans: { name: string; traceId: string }[] }[];
  }[];
}

describe("otlpTracesUrl", () => {
  it("the traces endpoint wins; the base endpoint gets /v1/traces; neither → null", () => {
    expect(otlpTracesUrl({})).toBeNull();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318/" })).toBe("http://c:4318/v1/traces");
    expect(
      otlpTracesUrl({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://t:1/x",
      }),
    ).toBe("http://t:1/x");
  });
});

describe("startTracing", () => {
  it("with OTEL_EXPORTER_OTLP_ENDPOINT: spans reach the collector (POST /v1/traces, JSON) on shutdown", async () => {
    const tracing = startTracing({
      serviceName: "pregao-bff",
      version: "0.0.0-test",
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: base, NODE_ENV: "test", GIT_SHA: "abc123" },
    });
    expect(tracing.exportUrl).toBe(`${base}/v1/traces`);
    const span = tracer().startSpan("POST /api/v1/orders");
    const traceId = span.spanContext().traceId;
    span.end();
    await tracing.shutdown();

    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/traces"]);
    const body = received[0]!.body as OtlpBody;
    const rs = body.resourceSpans[0]!;
    const attr = Object.fromEntries(rs.resource.attributes.map((a) => [a.key, a.value.stringValue]));
    expect(attr).toMatchObject({
      "service.name": "pregao-bff",
      "service.version": "abc123",
      "deployment.environment.name": "test",
    });
    const spans = rs.scopeSpans.flatMap((s) => s.spans.map((x) => ({ ...x, scope: s.scope.name })));
    expect(spans).toEqual([
      expect.objectContaining({ name: "POST /api/v1/orders", traceId, scope: "pregao-bff" }),
    ]);
  });

  it("without an endpoint: real trace ids, no exporter, no request — not even the SDK's env defaults", async () => {
    // If sdk-node fell back to its defaults (OTLP traces, metrics and logs exporters read from process.env), this
    // variable would send them to our collector.
    const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = base;
    try {
      const tracing = startTracing({ serviceName: "pregao-bff", version: "0.0.0-test", env: {} });
      expect(tracing.exportUrl).toBeNull();
      const span = tracer().startSpan("GET /health/ready");
      expect(span.spanContext().traceId).not.toMatch(/^0+$/);
      expect(span.isRecording()).toBe(true);
      span.end();
      // A default metrics exporter would ship this at shutdown.
      metrics.getMeter("pregao-bff").createCounter("probe_total").add(1);
      await tracing.shutdown();
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
    }
  });
});
