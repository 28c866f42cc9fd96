/** The part of a span that traced code writes to (OpenTelemetry's Span fits). */
export interface SpanLike {
  setAttribute(key: string, value: string | number | boolean): unknown;
}

/**
 * Runs `fn` inside a span named `name`, ended when `fn` settles and marked failed when it throws; `root` starts a new
 * trace. Inner layers take one of these at wiring time (observability/spans.ts `withSpan` in the BFF) instead of
 * importing the tracer, so they stay testable with no telemetry at all.
 */
export type RunInSpan = <T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: SpanLike) => Promise<T>,
  options?: { root?: boolean },
) => Promise<T>;

const noSpan: SpanLike = { setAttribute: () => undefined };

/** Runs `fn` with a span that records nothing (the default where no tracer is wired). */
export const untraced: RunInSpan = (_name, _attributes, fn) => fn(noSpan);
