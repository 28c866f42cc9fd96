import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Quote } from "@pregao/contracts";
import type { RunningBff } from "../src/server.ts";
import { FakeFeed, fakeDaily } from "./helpers/fake-feed.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "./helpers/clients.ts";

describe("relay against a fake feed", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  const sockets: ClientSocket[] = [];
  const client = async () => {
    const s = await connect(bff.url);
    sockets.push(s);
    return s;
  };

  beforeEach(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t");
    await until(() => bff.feed.catalog.known);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await bff.close();
    await feed.close();
  });

  it("acks a snapshot and streams conflated quotes", async () => {
    const s = await client();
    const ack = await call(s, "quotes:subscribe", { assets: ["PETR4:B"] });
    expect(ack.ok).toBe(true);
    expect(ack.data.quotes[0]).toMatchObject({
      asset: "PETR4:B",
      last: 10,
      bid: 9.99,
      ask: 10.01,
      previousClose: 9.8,
    });
    const updated = next(s, "quotes:updated", (qs) => qs.some((q: Quote) => q.last === 10.3));
    for (const close of [10.1, 10.2, 10.3])
      feed.broadcast({ type: "daily", asset: "PETR4:B", daily: fakeDaily(close) });
    const quotes = await updated;
    expect(quotes).toHaveLength(1);
    expect(bff.stats().conflation).toMatchObject({ clients: 1 });
  });

  it("resyncs on a sequence gap", async () => {
    const s = await client();
    await call(s, "quotes:subscribe", { assets: ["PETR4:B"] });
    const before = feed.received.filter((m) => m.type === "subscribe").length;
    feed.broadcast({ type: "heartbeat" }, 3);
    await until(() => feed.received.filter((m) => m.type === "subscribe").length > before);
    expect(bff.feed.stats.gaps).toBe(1);
    expect(bff.feed.stats.resyncs).toBe(1);
  });

  it("acks errors for bad input and stays connected", async () => {
    const s = await client();
    expect((await call(s, "quotes:subscribe", { assets: ["bad"] })).error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "assets.0",
    });
    expect((await call(s, "quotes:subscribe", { assets: ["XXXX9:B"] })).error).toMatchObject({
      code: "UNKNOWN_ASSET",
      field: "assets.0",
    });
    expect((await call(s, "nope:nope", {})).error).toMatchObject({ code: "UNKNOWN_EVENT" });
    s.emit("quotes:subscribe", { assets: ["PETR4:B"] } as never, undefined as never);
    expect((await call(s, "quotes:unsubscribe", null)).error.code).toBe("VALIDATION_FAILED");
    expect(s.connected).toBe(true);
  });

  it("goes stale, reconnects and resubscribes after a silent link", async () => {
    const s = await client();
    await call(s, "quotes:subscribe", { assets: ["VALE3:B"] });
    await next(s, "feed:status", (st) => st.link.state === "stale");
    await until(() => bff.feed.stats.reconnects >= 1);
    await next(s, "feed:status", (st) => st.link.state === "live");
    await until(() => feed.connections >= 2);
  });
});

describe("data quality", () => {
  it("a malformed burst opens the breaker, drops the link, and the half-open probe reconnects", async () => {
    const feed = await FakeFeed.start();
    const bff = await startTestBff(feed.url, "t", { FEED_MALFORMED_BURST: 3 });
    try {
      await until(() => bff.feed.client.link.state === "live");
      const s = await connect(bff.url);
      const opened = next(s, "feed:status", (st) => st.breaker.state === "open");
      for (let i = 0; i < 3; i++) feed.raw(i % 2 ? "{not json" : JSON.stringify({ seq: 99, type: "bogus" }));
      const status = await opened;
      expect(status.breaker.lastError).toMatch(/malformed/);
      expect(bff.feed.stats.malformed).toBe(3);
      await next(s, "feed:status", (st) => st.link.state === "live" && st.breaker.state === "closed");
      expect(feed.connections).toBe(2);
      s.disconnect();
    } finally {
      await bff.close();
      await feed.close();
    }
  });
});
