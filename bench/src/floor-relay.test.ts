import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { Daily, Quote } from "@pregao/contracts";
import { fakeUpstream } from "./fake-upstream.ts";
import { startFloorRelay } from "./floor-relay.ts";

const daily = {
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  previousClose: 1,
  volume: 0,
  quantity: 0,
  trades: 0,
} as Daily;
const book = { bids: [{ price: 0.9, quantity: 1, count: 1 }], asks: [{ price: 1.1, quantity: 1, count: 1 }] };

function client(port: number, assets: string[]) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  const frames: string[] = [];
  const subscribed = new Promise<void>((resolve) => {
    ws.on("open", () => ws.send(JSON.stringify({ type: "subscribe", assets })));
    ws.on("message", (d) => {
      const s = String(d);
      if (s.includes('"type":"subscribed"')) resolve();
      else frames.push(s);
    });
  });
  const batches = () => frames.map((f) => JSON.parse(f.slice(2)) as [string, Quote[]]);
  return { ws, frames, subscribed, batches };
}

describe("floor relay", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup.length = 0;
  });

  it("conflates per client on one tick and sends the BFF's quotes:updated frame, one quote per changed asset", async () => {
    const up = await fakeUpstream("tok", ["AAA3:B", "BBB4:B"]);
    cleanup.push(up.close);
    const relay = await startFloorRelay({ feedUrl: up.url, feedToken: "tok", conflationMs: 40 });
    cleanup.push(relay.close);
    await relay.ready;
    for (const asset of ["AAA3:B", "BBB4:B"]) {
      up.send({ type: "daily", asset, daily });
      up.send({ type: "bookSnapshot", asset, ...book });
    }
    const a = client(relay.port, ["AAA3:B"]);
    const ab = client(relay.port, ["AAA3:B", "BBB4:B"]);
    cleanup.push(async () => (a.ws.close(), ab.ws.close()));
    await Promise.all([a.subscribed, ab.subscribed]);
    // The first tick sends what was subscribed (the snapshot), like the BFF's subscribe.
    await expect.poll(() => ab.frames.length).toBe(1);
    expect(ab.frames[0]!.startsWith('42["quotes:updated",[')).toBe(true);
    expect(
      ab
        .batches()[0]![1]
        .map((q) => q.asset)
        .sort(),
    ).toEqual(["AAA3:B", "BBB4:B"]);

    const trade = (price: number) => ({
      tradeNumber: 1,
      price,
      quantity: 1,
      volume: price,
      buyAgent: 1,
      sellAgent: 2,
      tradeType: 0,
      edit: false,
    });
    for (const price of [1.01, 1.02, 1.03]) up.send({ type: "trade", asset: "AAA3:B", trade: trade(price) });
    await expect.poll(() => a.batches().at(-1)?.[1][0]?.last).toBe(1.03);
    await expect.poll(() => ab.batches().at(-1)?.[1][0]?.last).toBe(1.03);
    await new Promise((r) => setTimeout(r, 100));
    // Three trades inside one tick (or two) arrive as fewer batches than trades, each with the changed asset only.
    for (const c of [a, ab]) {
      const later = c.batches().slice(1);
      expect(later.length).toBeLessThan(3);
      for (const [event, quotes] of later) {
        expect(event).toBe("quotes:updated");
        expect(quotes.map((q) => q.asset)).toEqual(["AAA3:B"]);
      }
    }
    expect(a.batches().at(-1)![1][0]).toMatchObject({ bid: 0.9, ask: 1.1 });
    const all = [...a.batches(), ...ab.batches()];
    const stats = (await (await fetch(`http://127.0.0.1:${relay.port}/stats`)).json()) as Record<
      string,
      unknown
    >;
    expect(stats).toMatchObject({
      clients: 2,
      quotesDelivered: all.reduce((n, [, quotes]) => n + quotes.length, 0),
      emits: all.length,
      skippedFlushes: 0,
    });
  });

  it("reconnects and re-subscribes when the producer cuts the link, counting the cut", async () => {
    const up = await fakeUpstream("tok", ["AAA3:B"]);
    cleanup.push(up.close);
    const relay = await startFloorRelay({ feedUrl: up.url, feedToken: "tok", conflationMs: 40 });
    cleanup.push(relay.close);
    await relay.ready;
    up.cut();
    await expect.poll(() => relay.stats.upstream.cuts).toBe(1);
    await expect.poll(() => relay.stats.upstream.ready).toBe(true);
    expect(relay.stats.upstream.lastClose).toBe("1013 slow consumer");
  });

  it("rejects ready when the upstream refuses the token", async () => {
    const up = await fakeUpstream("tok", []);
    cleanup.push(up.close);
    const relay = await startFloorRelay({ feedUrl: up.url, feedToken: "wrong", conflationMs: 40 });
    cleanup.push(relay.close);
    await expect(relay.ready).rejects.toThrow();
  });
});
