import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedClientMessage } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import { BOOK_KEEP } from "../../src/upstream/market-state.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";

const A = "PETR4:B";
const DEPTH = 2000;
const side = (from: number, dir: number) =>
  Array.from({ length: DEPTH }, (_, i) => ({ price: (from + dir * i) / 100, quantity: 100, count: 1 }));

describe("the BFF stores only the depth it shows plus a margin", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  let s: ClientSocket;
  const subscribes = () =>
    feed.received.filter((m: FeedClientMessage) => m.type === "subscribe" && m.assets.includes(A)).length;

  beforeAll(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t", { FEED_RESYNC_INTERVAL_MS: 0 });
    await until(() => bff.feed.catalog.known);
    s = await connect(bff.url);
    expect((await call(s, "book:subscribe", { assets: [A] })).ok).toBe(true);
  });
  afterAll(async () => {
    s.disconnect();
    await bff.close();
    await feed.close();
  });

  it("keeps BOOK_KEEP levels of a deep snapshot; deep diffs apply; a drained top asks for a snapshot", async () => {
    const deep = next(s, "book:updated", (bs) => bs.some((b) => b.bids[0]?.price === 50));
    feed.broadcast({ type: "bookSnapshot", asset: A, bids: side(5000, -1), asks: side(5001, 1) });
    const [view] = await deep;
    expect(view!.bids).toHaveLength(10);
    expect(bff.feed.market.bookSize(A)).toEqual({
      bids: BOOK_KEEP,
      asks: BOOK_KEEP,
      bidDepth: DEPTH,
      askDepth: DEPTH,
    });

    const before = subscribes();
    const top = next(s, "book:updated", (bs) => bs.some((b) => b.bids[0]?.quantity === 777));
    feed.broadcast({
      type: "book",
      asset: A,
      updates: [
        { action: 1, side: 1, position: 1500, quantity: 5, count: 1 },
        { action: 2, side: 0, position: 1999 },
        { action: 0, side: 0, position: 1000, price: 40, quantity: 1, count: 1 },
        { action: 1, side: 0, position: 0, quantity: 777, count: 1 },
      ],
    });
    const [afterDeep] = await top;
    expect(afterDeep!.bids.slice(1)).toEqual(view!.bids.slice(1));
    expect(afterDeep!.asks).toEqual(view!.asks);
    expect(subscribes()).toBe(before);

    feed.broadcast({ type: "book", asset: A, updates: [{ action: 8, side: 0, position: BOOK_KEEP - 10 }] });
    await until(() => subscribes() > before);
    await until(() => bff.feed.market.bookSize(A)?.bidDepth === 1); // the fake feed's snapshot: one level a side
  });
});
