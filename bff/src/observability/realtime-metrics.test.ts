import { describe, expect, it } from "vitest";
import type { Quote } from "@pregao/contracts";
import { ClientConflator, addCounters, emptyCounters } from "../realtime/conflation.ts";
import { TakenValues } from "../realtime/taken-values.ts";
import { LatencyWindow } from "./latency-window.ts";
import { BffMetrics } from "./metrics.ts";
import { conflationMeter } from "./realtime-metrics.ts";

const value = async (m: BffMetrics, name: string, labels: Record<string, string> = {}) =>
  (await m.registry.getSingleMetric(name)!.get()).values.find((v) =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  )?.value ?? 0;

const quote = (asset: string, receivedAt: number) => ({ asset, receivedAt }) as Quote;

describe("conflation meter", () => {
  it("reads the conflators' counters at scrape time and adds each increase once", async () => {
    const metrics = new BffMetrics({ defaultMetrics: false });
    const meter = conflationMeter(metrics, new LatencyWindow());
    let drained = false;
    const c = new ClientConflator({ emit: () => undefined, drained: () => drained }, 2, meter);
    meter.countFrom(() => {
      const t = emptyCounters();
      addCounters(t, c.counters);
      return t;
    });
    const taken = new TakenValues<Quote>();
    c.holdQuote("A:B", taken.slot("A:B"));
    taken.put("A:B", quote("A:B", 1000), 2, 1000);
    c.flush(1000); // not drained: skipped
    for (let i = 0; i < 3; i++) c.pushTrade("A:B", { tradeNumber: i } as never, 1000);
    // Nothing reaches Prometheus before a scrape.
    expect(await value(metrics, "pregao_realtime_updates_offered_total", { channel: "quotes" })).toBe(0);
    meter.flush();
    meter.flush(); // nothing new
    drained = true;
    c.flush(1040);
    meter.flush();
    expect(await value(metrics, "pregao_realtime_updates_offered_total", { channel: "quotes" })).toBe(2);
    expect(await value(metrics, "pregao_realtime_updates_sent_total", { channel: "quotes" })).toBe(1);
    expect(await value(metrics, "pregao_realtime_updates_offered_total", { channel: "trades" })).toBe(3);
    expect(await value(metrics, "pregao_realtime_updates_sent_total", { channel: "trades" })).toBe(2);
    expect(await value(metrics, "pregao_realtime_trades_dropped_total")).toBe(1);
    expect(await value(metrics, "pregao_realtime_flushes_skipped_total")).toBe(1);
    const latency = (await metrics.registry.getSingleMetric("pregao_emit_latency_seconds")!.get()).values;
    const count = latency.find(
      (v) => (v as { metricName?: string }).metricName?.endsWith("_count") && v.labels.channel === "quotes",
    );
    expect(count?.value).toBe(1);
  });
});
