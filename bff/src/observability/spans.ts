import { SpanKind, SpanStatusCode, type Attributes, type Span } from "@opentelemetry/api";
import { tracer } from "../lib/tracer.ts";

export { tracer };

/**
 * Runs `fn` inside an active span: ended when `fn` settles, status ERROR (with the exception recorded) when it throws.
 * Use for work a user or the feed causes: socket events, reconnects, background probes. `root` starts a new trace
 * (work that a timer re-schedules, such as reconnects, would otherwise nest every attempt inside the previous one).
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  options: { kind?: SpanKind; root?: boolean } = {},
): Promise<T> {
  const { kind = SpanKind.INTERNAL, root = false } = options;
  return tracer.startActiveSpan(name, { kind, attributes, root }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: err instanceof Error ? err.message : String(err),
      });
      throw err;
    } finally {
      span.end();
    }
  });
}
