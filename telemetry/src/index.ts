/**
 * The process telemetry every Pregão service shares (BFF and simulator): one pino logger shape with trace ids,
 * request ids and redaction, OpenTelemetry start-up (OTLP only when configured), and the per-request log context.
 */
export * from "./logger.ts";
export * from "./request-context.ts";
export * from "./tracing.ts";
