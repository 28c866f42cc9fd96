import { describe, expect, it } from "vitest";
import { auditMetricsFlush } from "./abuse-metrics.ts";
import { BffMetrics } from "./metrics.ts";

describe("auditMetricsFlush", () => {
  it("moves the database trail's running totals into counters by their growth, and its state into gauges", async () => {
    const metrics = new BffMetrics({ defaultMetrics: false });
    const store = {
      mode: "spooling",
      spoolBytes: 4096,
      written: 10,
      spooled: 5,
      replayed: 0,
      dropped: { queue_full: 0, spool_full: 2 },
    };
    const flush = auditMetricsFlush(metrics, () => ({ depth: 3, aggregated: 0, store }));
    flush();
    Object.assign(store, { mode: "direct", spoolBytes: 0, written: 12, replayed: 5 });
    flush();
    const text = await metrics.registry.metrics();
    expect(text).toContain('pregao_audit_store_rows_total{result="written"} 12');
    expect(text).toContain('pregao_audit_store_rows_total{result="spooled"} 5');
    expect(text).toContain('pregao_audit_store_rows_total{result="replayed"} 5');
    expect(text).toContain('pregao_audit_store_dropped_total{reason="spool_full"} 2');
    expect(text).toContain("pregao_audit_spool_bytes 0");
    expect(text).toContain("pregao_audit_store_spooling 0");
  });
});
