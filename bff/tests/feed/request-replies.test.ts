import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Quote } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import type { Config } from "../../src/env.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";

/** Fast integrity timings: requests time out in 300 ms, retries within 200 ms, assets silent after 250 ms. */
const integrity: Partial<Config> = {
  FEED_REQUEST_TIMEOUT_MS: 300,
  FEED_REQUEST_BACKOFF_MAX_MS: 200,
  FEED_RESYNC_INTERVAL_MS: 100,
  FEED_ASSET_SILENCE_FACTOR: 5,
  FEED_ASSET_SILENCE_FLOOR_MS: 250,
  FEED_ASSET_SILENCE_CEILING_MS: 2000,
};

const readyBody = async (bff: RunningBff): Promise<string> =>
  JSON.stringify(await (await fetch(`${bff.url}/health/ready`)).json());

describe("upstream requests tracked to their reply, silent assets (scripted upstream)", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  let socket: ClientSocket;

  beforeEach(async () => {
    feed = await FakeFeed.start();
    feed.tick(50, ["PETR4:B", "VALE3:B"]); // heartbeats and data flow: the link stays live
    bff = await startTestBff(feed.url, "t", integrity);
    await until(() => bff.feed.catalog.known);
    socket = await connect(bff.url);
  });
  afterEach(async () => {
    socket.disconnect();
    await bff.close();
    await feed.close();
  });

  const quoteOf = (asset: string) =>
    next(socket, "quotes:updated", (qs) => qs.some((q: Quote) => q.asset === asset));

  it("a dropped subscribe is retried until quotes flow, named in feed:status and /health/ready meanwhile, without a reconnect", async () => {
    feed.dropSubscribes.set("PETR4:B", 1000); // the bridge swallows every subscribe for PETR4 until told otherwise
    await call(socket, "quotes:subscribe", { assets: ["VALE3:B"] });
    const ack = await call(socket, "quotes:subscribe", { assets: ["PETR4:B"] });
    expect(ack.data.quotes).toEqual([]); // no snapshot: nothing old or invented is served

    const status = await next(socket, "feed:status", (st) =>
      (st.assets ?? []).some((a) => a.asset === "PETR4:B" && a.state === "retrying"),
    );
    expect(status.link.state).toBe("live");
    expect(status.assets!.find((a) => a.asset === "PETR4:B")!.attempts).toBeGreaterThanOrEqual(1);
    expect(status.assets!.some((a) => a.asset === "VALE3:B")).toBe(false);
    const ready = await readyBody(bff);
    expect(ready).toContain('"status":"warn"');
    expect(ready).toContain("no data — retrying: PETR4:B");

    await until(() => feed.subscribesFor("PETR4:B") >= 3); // retried, again and again
    feed.dropSubscribes.clear();
    await quoteOf("PETR4:B");
    expect(feed.connections).toBe(1);
    await until(() => !(bff.feed.status.current().assets ?? []).some((a) => a.asset === "PETR4:B"));
    const { requests } = bff.feed.stats.snapshot().integrity;
    expect(requests["subscribe:timedOut"]).toBeGreaterThanOrEqual(2);
    expect(requests["subscribe:retried"]).toBeGreaterThanOrEqual(2);
    expect(await readyBody(bff)).not.toContain("PETR4:B");
  });

  it("an asset silent while heartbeats and other assets flow is re-subscribed, and its quotes flow again", async () => {
    await call(socket, "quotes:subscribe", { assets: ["PETR4:B", "VALE3:B"] });
    await quoteOf("PETR4:B");
    await until(() => bff.feed.watch.isOk("PETR4:B") && bff.feed.watch.isOk("VALE3:B"));
    const before = { petr: feed.subscribesFor("PETR4:B"), vale: feed.subscribesFor("VALE3:B") };

    feed.muted.add("PETR4:B"); // the bridge stopped sending PETR4 (until it is subscribed again)
    await until(() => feed.subscribesFor("PETR4:B") > before.petr);
    await quoteOf("PETR4:B");
    expect(feed.connections).toBe(1);
    expect(feed.subscribesFor("VALE3:B")).toBe(before.vale);
    expect(bff.feed.stats.snapshot().integrity.resubscribes.silent).toBeGreaterThanOrEqual(1);
  });

  it("a new subscriber's snapshot of an asset without data says so", async () => {
    await call(socket, "quotes:subscribe", { assets: ["PETR4:B"] });
    await quoteOf("PETR4:B");
    feed.dropSubscribes.set("PETR4:B", 1000);
    feed.muted.add("PETR4:B");
    await until(() => bff.feed.watch.stateOf("PETR4:B") === "retrying");
    expect(bff.feed.quote("PETR4:B")).toMatchObject({ asset: "PETR4:B", dataState: "retrying" });
    feed.dropSubscribes.clear();
    await until(() => bff.feed.watch.isOk("PETR4:B"));
    expect(bff.feed.quote("PETR4:B")?.dataState).toBeUndefined();
  });
});
