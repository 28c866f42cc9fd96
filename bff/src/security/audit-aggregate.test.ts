import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuditAggregator, type AuditRecord } from "./audit-aggregate.ts";

const denied = (session: string, socketEvent = "ops:subscribe"): AuditRecord => ({
  event: "access.denied",
  outcome: "denied",
  session,
  socketEvent,
});

describe("AuditAggregator", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the first of a burst, then one aggregate per key per window with the count", () => {
    const out: AuditRecord[] = [];
    const agg = new AuditAggregator((r) => out.push(r), 10_000);
    for (let i = 0; i < 500; i++) agg.offer(denied("aaaa"));
    agg.offer(denied("bbbb"));
    agg.offer({ event: "login.failure", outcome: "failure" }); // never aggregated
    agg.offer({ event: "login.failure", outcome: "failure" });
    expect(out).toHaveLength(4);
    vi.advanceTimersByTime(10_000);
    expect(out).toHaveLength(5);
    expect(out[4]).toMatchObject({
      event: "access.denied",
      session: "aaaa",
      aggregate: { count: 499, windowMs: 10_000 },
      summary: "499 denied ops:subscribe from session aaaa in the last 10 s",
    });
    agg.offer(denied("aaaa")); // a new window starts with a full line again
    expect(out).toHaveLength(6);
  });

  it("bounds its keys and flushes open windows on demand (shutdown)", () => {
    const out: AuditRecord[] = [];
    const agg = new AuditAggregator((r) => out.push(r), 10_000, 2);
    for (const s of ["a", "b", "c", "d", "c", "d"]) agg.offer(denied(s));
    expect(out).toHaveLength(3); // a, b, then c opens the shared `*` window; d, c, d are counted there
    agg.flush();
    expect(out.at(-1)).toMatchObject({ aggregate: { count: 3 } });
  });
});
