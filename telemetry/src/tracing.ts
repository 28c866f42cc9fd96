import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";

/** The settings tracing reads (the names are the standard OTEL_* variables). */
export interface TracingEnv {
  /** Base OTLP/HTTP endpoint, e.g. `http://collector:4318`; traces go to `<it>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  /** Full traces URL; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
  NODE_ENV?: string | undefined;
  /** Build's git SHA → `service.version` (else the package version passed in). */
  GIT_SHA?: string | undefined;
}

export interface TracingOptions {
  /** `pregao-bff` / `pregao-sim`. */
  serviceName: string;
  /** Used as `service.version` when GIT_SHA is unset. */
  version: string;
  env: TracingEnv;
  /** Extra processors (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Where spans are exported (OTLP/HTTP traces URL), or null: spans are made (ids in logs) but never leave the process. */
  readonly exportUrl: string | null;
  /** Flushes pending spans and stops the SDK; call on shutdown. */
  shutdown(): Promise<void>;
}

/** The OTLP/HTTP traces URL the environment asks for, or null when neither endpoint variable is set. */
export function otlpTracesUrl(env: TracingEnv): string | null {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, "")}/v1/traces` : null;
}

/**
 * Starts OpenTelemetry (sdk-node) for this process: a tracer provider is always registered (so spans propagate and
 * log lines carry real trace ids), with the W3C tracecontext propagator and an AsyncLocalStorage context manager.
 * Spans are exported (OTLP/HTTP, batched) only when an OTLP endpoint is configured. Everything the SDK would otherwise
 * pick from its own defaults is pinned: no auto-instrumentation, no default OTLP trace/metric/log exporters, and only
 * the env resource detector (no host/process probes).
 */
export function startTracing(options: TracingOptions): Tracing {
  const exportUrl = otlpTracesUrl(options.env);
  const processors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (exportUrl) processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: exportUrl })));
  // sdk-node registers no tracer provider for an empty list; a no-op processor keeps ids and propagation working.
  if (processors.length === 0) processors.push(new NoopSpanProcessor());
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.env.GIT_SHA ?? options.version,
      "deployment.environment.name": options.env.NODE_ENV ?? "development",
    }),
    resourceDetectors: [envDetector],
    instrumentations: [],
    textMapPropagator: new W3CTraceContextPropagator(),
    spanProcessors: processors,
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  let stopping: Promise<void> | undefined;
  return { exportUrl, shutdown: () => (stopping ??= sdk.shutdown()) };
}
