import { describe, expect, it } from "vitest";
import type { MarketFeed } from "../upstream/market-feed.ts";
import { RealtimeHub } from "./hub.ts";

const disposable = { dispose: () => undefined };
const feed = {
  market: { onChange: () => disposable, onTrade: () => disposable },
  subscriptions: { acquire: () => undefined, release: () => undefined },
} as unknown as MarketFeed;
const transport = { emit: () => undefined, drained: () => true };

describe("RealtimeHub.stats", () => {
  it("stays bounded with many clients: a summary over all and at most 20 samples", () => {
    const closed: number[] = [];
    const hub = new RealtimeHub(feed, {
      conflationMs: 1000,
      tradeCap: 10,
      onClientClosed: (c) => closed.push(c.tradesDropped),
    });
    try {
      for (let i = 0; i < 250; i++) {
        const s = hub.add(`s${i}`, transport);
        s.conflator.counters.quotesDelivered = i;
      }
      const stats = hub.stats();
      expect(stats.clients).toBe(250);
      expect(Object.keys(stats.perClient.samples)).toHaveLength(20);
      expect(stats.perClient.omitted).toBe(230);
      expect(stats.perClient.summary.quotesDelivered).toEqual({ min: 0, max: 249, mean: 124.5 });
      expect(JSON.stringify(stats).length).toBeLessThan(10_000);
      hub.remove("s0");
      expect(closed).toEqual([0]);
    } finally {
      hub.dispose();
    }
  });
});
