import { describe, expect, it } from "vitest";
import { UpstreamStats } from "../upstream/stats.ts";
import { feedMetricsFlush } from "./feed-metrics.ts";
import { BffMetrics } from "./metrics.ts";

const value = async (m: BffMetrics, name: string, labels: Record<string, string> = {}) =>
  (await m.registry.getSingleMetric(name)!.get()).values.find((v) =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  )?.value ?? 0;

describe("feed metrics flush", () => {
  it("adds to each counter what the feed counted since the previous flush, once", async () => {
    const metrics = new BffMetrics({ defaultMetrics: false });
    const stats = new UpstreamStats();
    const flush = feedMetricsFlush(metrics, () => stats.snapshot());
    stats.message("trade");
    stats.message("trade");
    stats.gap();
    stats.resync("asset");
    flush();
    flush(); // nothing new
    stats.message("trade");
    stats.message("heartbeat");
    stats.connectFailure();
    flush();
    expect(await value(metrics, "pregao_feed_messages_total", { type: "trade" })).toBe(3);
    expect(await value(metrics, "pregao_feed_messages_total", { type: "heartbeat" })).toBe(1);
    expect(await value(metrics, "pregao_feed_sequence_gaps_total")).toBe(1);
    expect(await value(metrics, "pregao_feed_resyncs_total", { scope: "asset" })).toBe(1);
    expect(await value(metrics, "pregao_feed_resyncs_total", { scope: "link" })).toBe(0);
    expect(await value(metrics, "pregao_feed_connect_failures_total")).toBe(1);
  });
});
