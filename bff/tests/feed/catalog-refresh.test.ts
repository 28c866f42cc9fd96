import { afterEach, describe, expect, it } from "vitest";
import type { RunningBff } from "../../src/server.ts";
import type { Config } from "../../src/env.ts";
import { FakeFeed, fakeAssets } from "../helpers/fake-feed.ts";
import { call, connect, startTestBff, until } from "../helpers/clients.ts";

describe("instrument catalog completeness (scripted upstream)", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  afterEach(async () => {
    await bff.close();
    await feed.close();
  });

  const start = async (extra: Partial<Config>) => {
    feed = await FakeFeed.start();
    feed.tick(50, []); // heartbeats: the link stays live
    feed.partialLists = 1; // the connect's list is cut short: only PETR4
    bff = await startTestBff(feed.url, "t", extra);
    await until(() => bff.feed.catalog.known);
    expect(bff.feed.catalog.has("VALE3:B")).toBe(false);
  };

  it("a lookup of a ticker the partial list lacks refreshes the catalog and waits for it", async () => {
    await start({ FEED_CATALOG_REFRESH_MIN_MS: 0 });
    const version = bff.feed.catalog.version;
    expect(await bff.feed.resolve("VALE3:B")).toBe(true);
    expect(bff.feed.catalog.list()).toHaveLength(fakeAssets.length);
    expect(bff.feed.catalog.version).toBeGreaterThan(version);
    expect(feed.connections).toBe(1);
    // A ticker that really does not exist: refreshed (rate-limited), still unknown.
    expect(await bff.feed.resolve("XXXX9:B")).toBe(false);
  });

  it("a browser subscribing to a ticker the partial list lacks gets it, not UNKNOWN_ASSET", async () => {
    await start({ FEED_CATALOG_REFRESH_MIN_MS: 0 });
    const socket = await connect(bff.url);
    try {
      const ack = await call(socket, "trades:subscribe", { assets: ["VALE3:B"] });
      expect(ack).toEqual({ ok: true, data: { assets: ["VALE3:B"] } });
      const unknown = await call(socket, "trades:subscribe", { assets: ["XXXX9:B"] });
      expect(unknown.error).toMatchObject({ code: "UNKNOWN_ASSET", field: "assets.0" });
    } finally {
      socket.disconnect();
    }
  });

  it("an assetInfo for an asset missing from the list marks the catalog incomplete: ready warns until a refresh", async () => {
    await start({ FEED_CATALOG_REFRESH_MIN_MS: 60_000 }); // the evidence-driven refresh waits a minute
    feed.broadcast({ type: "assetInfo", info: fakeAssets[2] });
    await until(() => bff.feed.catalog.state.state === "incomplete");
    expect(bff.feed.catalog.has("ITUB4:B")).toBe(true); // kept meanwhile
    expect(bff.feed.status.current().catalog).toMatchObject({ state: "incomplete" });
    const ready = JSON.stringify(await (await fetch(`${bff.url}/health/ready`)).json());
    expect(ready).toContain("instrument catalog incomplete");
    expect(bff.feed.stats.snapshot().integrity.catalogIncomplete).toBe(true);
  });

  it("an unanswered asset list is retried until the catalog is complete", async () => {
    feed = await FakeFeed.start();
    feed.tick(50, []);
    feed.dropLists = 1; // the connect's listAssets goes unanswered
    bff = await startTestBff(feed.url, "t", {
      FEED_REQUEST_TIMEOUT_MS: 200,
      FEED_REQUEST_BACKOFF_MAX_MS: 100,
    });
    await until(() => bff.feed.catalog.known);
    expect(bff.feed.catalog.list()).toHaveLength(fakeAssets.length);
    expect(bff.feed.stats.snapshot().integrity.requests["listAssets:timedOut"]).toBe(1);
    expect(feed.connections).toBe(1);
  });
});
