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

  it("flushes the integrity counters by label and sets the integrity gauges", async () => {
    const metrics = new BffMetrics({ defaultMetrics: false });
    const stats = new UpstreamStats();
    const view = {
      requests: { "subscribe:sent": 3, "subscribe:timedOut": 1, "subscribe:retried": 1 } as Record<
        string,
        number
      >,
      resubscribes: { silent: 2 } as Record<string, number>,
      catalogRefreshes: { connect: 1 } as Record<string, number>,
      assetsPending: 1,
      assetsRetrying: 2,
      catalogIncomplete: true,
      requestQueue: 4,
      requestsInFlight: 1,
      writeBufferedBytes: 512,
    };
    stats.integrity = () => ({ ...view });
    stats.oversizeFrames = 1;
    const flush = feedMetricsFlush(metrics, () => stats.snapshot());
    flush();
    view.requests = { ...view.requests, "subscribe:sent": 5 };
    flush();
    expect(await value(metrics, "pregao_feed_requests_total", { type: "subscribe", outcome: "sent" })).toBe(
      5,
    );
    expect(
      await value(metrics, "pregao_feed_requests_total", { type: "subscribe", outcome: "timedOut" }),
    ).toBe(1);
    expect(await value(metrics, "pregao_feed_asset_resubscribes_total", { reason: "silent" })).toBe(2);
    expect(await value(metrics, "pregao_feed_catalog_refreshes_total", { reason: "connect" })).toBe(1);
    expect(await value(metrics, "pregao_feed_assets_without_data", { state: "retrying" })).toBe(2);
    expect(await value(metrics, "pregao_feed_catalog_incomplete")).toBe(1);
    expect(await value(metrics, "pregao_feed_request_queue")).toBe(4);
    expect(await value(metrics, "pregao_feed_write_buffered_bytes")).toBe(512);
    expect(await value(metrics, "pregao_feed_oversize_frames_total")).toBe(1);
  });
});
