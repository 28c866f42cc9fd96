import { SpanStatusCode, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBff } from "../../src/server.ts";
import { call, connect, startTestBff, until } from "../helpers/clients.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

describe("spans for feed connects and socket events that cause work", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  beforeAll(async () => {
    provider.register();
    feed = await FakeFeed.start();
    feed.refuse = true; // the first attempts fail, then the feed lets the BFF in
    bff = await startTestBff(feed.url, "t", { FEED_BACKOFF_INITIAL_MS: 20, FEED_BACKOFF_MAX_MS: 50 });
    await until(() => bff.feed.stats.connectFailures >= 1);
    feed.refuse = false;
    await until(() => bff.feed.catalog.known);
  });
  afterAll(async () => {
    await bff.close();
    await feed.close();
    await provider.shutdown();
    trace.disable();
  });

  const spans = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);

  it("records one `feed connect` span per attempt with its number and outcome", () => {
    const connects = spans("feed connect");
    expect(connects.some((s) => s.attributes["feed.outcome"] === "failed")).toBe(true);
    const ok = connects.find((s) => s.attributes["feed.outcome"] === "connected");
    expect(ok?.attributes["feed.attempt"]).toEqual(expect.any(Number));
    // Each attempt is its own trace: a reconnect scheduled from a failed attempt must not nest inside it.
    expect(connects.length).toBeGreaterThanOrEqual(2);
    expect(new Set(connects.map((s) => s.spanContext().traceId)).size).toBe(connects.length);
    expect(connects.every((s) => s.parentSpanContext === undefined)).toBe(true);
  });

  it("wraps subscribe/unsubscribe in `socket <event>` spans; a refused one ends in ERROR; ping is not traced", async () => {
    const s = await connect(bff.url);
    try {
      expect((await call(s, "quotes:subscribe", { assets: ["PETR4:B"] })).ok).toBe(true);
      expect((await call(s, "quotes:unsubscribe", { assets: ["PETR4:B"] })).ok).toBe(true);
      expect((await call(s, "book:subscribe", { assets: ["NOPE3:B"] })).ok).toBe(false);
      await call(s, "connection:ping", {});
      expect(spans("socket quotes:subscribe")[0]?.attributes["socket.event"]).toBe("quotes:subscribe");
      expect(spans("socket quotes:unsubscribe")).toHaveLength(1);
      expect(spans("socket book:subscribe")[0]?.status.code).toBe(SpanStatusCode.ERROR);
      expect(spans("socket connection:ping")).toHaveLength(0);
    } finally {
      s.disconnect();
    }
  });
});
