import { trace } from "@opentelemetry/api";

/** The BFF's tracer. Without a registered provider (tracing not started) every span is a cheap no-op. */
export const tracer = trace.getTracer("pregao-bff");
