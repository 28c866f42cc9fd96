import { afterEach, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { fakeUpstream } from "./fake-upstream.ts";
import { startNaiveRelay } from "./naive-relay.ts";

describe("naive relay", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup.length = 0;
  });

  it("emits every upstream message of a subscribed asset as its own tick, unconflated", async () => {
    const up = await fakeUpstream("tok", ["AAA3:B", "BBB4:B"]);
    cleanup.push(up.close);
    const relay = await startNaiveRelay({ feedUrl: up.url, feedToken: "tok" });
    cleanup.push(relay.close);
    await relay.ready;
    const socket = io(`http://127.0.0.1:${relay.port}`, { transports: ["websocket"], forceNew: true });
    cleanup.push(async () => socket.disconnect());
    const ticks: { asset: string; ts: number }[] = [];
    socket.on("tick", (m: { asset: string; ts: number }) => ticks.push(m));
    const ack = (await socket.timeout(5000).emitWithAck("quotes:subscribe", { assets: ["AAA3:B"] })) as {
      ok: boolean;
    };
    expect(ack.ok).toBe(true);
    for (let i = 0; i < 3; i++) up.send({ type: "trade", asset: "AAA3:B", trade: { price: i } });
    up.send({ type: "trade", asset: "BBB4:B", trade: { price: 9 } });
    await expect.poll(() => ticks.length).toBe(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(ticks.map((t) => t.asset)).toEqual(["AAA3:B", "AAA3:B", "AAA3:B"]);
    expect(typeof ticks[0]!.ts).toBe("number");
    expect(relay.stats.emits).toBe(4);
  });
});
