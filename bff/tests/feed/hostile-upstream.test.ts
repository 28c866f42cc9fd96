import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/lib/logger.ts";
import { startBff, type RunningBff } from "../../src/server.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { call, connect, fastTimings, until, type ClientSocket } from "../helpers/clients.ts";

/** Counts the warn/error lines the BFF writes (what fills a disk), discarding them. */
function countingLogger(): Logger & { lines: number } {
  const log = {
    lines: 0,
    info: () => undefined,
    debug: () => undefined,
    warn: () => void log.lines++,
    error: () => void log.lines++,
  };
  return log;
}

describe("a hostile upstream (scripted): bounded writes, resyncs, logs and frames", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  let socket: ClientSocket | undefined;
  afterEach(async () => {
    socket?.disconnect();
    await bff.close();
    await feed.close();
  });

  const start = async (logger: Logger, extra: Record<string, unknown> = {}) => {
    feed = await FakeFeed.start();
    feed.tick(50, ["PETR4:B", "VALE3:B", "ITUB4:B"]);
    bff = await startBff(
      { ...fastTimings, FEED_URL: feed.url, FEED_TOKEN: "t", FEED_RESYNC_INTERVAL_MS: 200, ...extra },
      logger,
    );
    await until(() => bff.feed.catalog.known);
  };

  it("an upstream that stops reading and floods sequence gaps gets one resync per interval, bounded queue and logs", async () => {
    const log = countingLogger();
    await start(log);
    socket = await connect(bff.url);
    await call(socket, "quotes:subscribe", { assets: ["PETR4:B", "VALE3:B", "ITUB4:B"] });
    const subscribesBefore = feed.received.filter((m) => m.type === "subscribe").length;
    const linesBefore = log.lines;

    feed.pauseReading();
    for (let burst = 0; burst < 20; burst++) {
      feed.floodGaps(1000); // 20,000 gaps in about a second
      await new Promise((r) => setTimeout(r, 50));
      const { integrity } = bff.feed.stats.snapshot();
      expect(integrity.requestQueue).toBeLessThanOrEqual(3); // one entry per held asset at most
      expect(integrity.writeBufferedBytes).toBeLessThan(256 * 1024);
    }
    await until(() => bff.feed.stats.gaps >= 20_000);
    for (const ws of feed.clients) (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await new Promise((r) => setTimeout(r, 300));

    const resubscribes = feed.received.filter((m) => m.type === "subscribe").length - subscribesBefore;
    expect(resubscribes).toBeGreaterThanOrEqual(1); // the gaps were resynced…
    expect(resubscribes).toBeLessThanOrEqual(15); // …about once per 200 ms interval, not once per gap (20,000)
    expect(log.lines - linesBefore).toBeLessThanOrEqual(10); // "feed sequence gap" once plus summaries
    expect(feed.connections).toBe(1);
  });

  it("an over-cap frame closes the link with a clear reason, counted, and the reconnect loop takes over", async () => {
    const log = countingLogger();
    await start(log, { FEED_MAX_FRAME_BYTES: 4096 });
    const reasons: string[] = [];
    bff.feed.client.onLink((l) => l.state === "down" && reasons.push(l.reason));
    const breaker: string[] = [];
    bff.feed.breaker.onChange((b) => breaker.push(b.state));
    feed.raw(JSON.stringify({ seq: 99, ts: Date.now(), type: "heartbeat", pad: "x".repeat(8192) }));
    await until(() => bff.feed.stats.oversizeFrames === 1);
    await until(() => feed.connections >= 2 && bff.feed.client.link.state === "live");
    expect(bff.feed.stats.snapshot().oversizeFrames).toBe(1);
    expect(reasons[0]).toContain("FEED_MAX_FRAME_BYTES");
    // a bridge re-sending the same huge frame on every resubscribe waits out the breaker's cooldown each time
    expect(breaker[0]).toBe("open");
  });
});
