import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { startRawRelay, type RawRelay } from "./raw-relay.ts";

/** A tiny stand-in for the sim: checks the bearer token, answers hello/listAssets/subscribe, then lets the test push. */
async function fakeUpstream(token: string) {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true });
  let conn: WebSocket | undefined;
  let seq = 0;
  const send = (m: object) => conn?.send(JSON.stringify({ seq: ++seq, ts: Date.now(), ...m }));
  http.on("upgrade", (req, socket, head) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      conn = ws;
      send({ type: "hello", protocol: 1, server: "fake", heartbeatMs: 1000 });
      ws.on("message", (d) => {
        const m = JSON.parse(String(d)) as { type: string; reqId?: string; assets?: string[] };
        if (m.type === "listAssets")
          send({ type: "assetList", reqId: m.reqId, assets: [{ asset: "AAA3:B" }, { asset: "BBB4:B" }] });
        if (m.type === "subscribe") send({ type: "subscribed", reqId: m.reqId, assets: m.assets });
      });
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/feed/v1`,
    send,
    cut: () => conn?.close(1013, "slow consumer"),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => http.close(r));
    },
  };
}

function client(port: number, assets: string[]) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  const got: string[] = [];
  const subscribed = new Promise<void>((resolve) => {
    ws.on("open", () => ws.send(JSON.stringify({ type: "subscribe", assets })));
    ws.on("message", (d) => {
      const s = String(d);
      if (s.includes('"type":"subscribed"')) resolve();
      else got.push(s);
    });
  });
  return { ws, got, subscribed };
}

describe("raw relay", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup.length = 0;
  });

  it("subscribes upstream to every asset and forwards the raw frames to interested clients only", async () => {
    const up = await fakeUpstream("tok");
    cleanup.push(up.close);
    const relay: RawRelay = await startRawRelay({ feedUrl: up.url, feedToken: "tok" });
    cleanup.push(relay.close);
    await relay.ready;
    expect(relay.stats.assets).toBe(2);

    const a = client(relay.port, ["AAA3:B"]);
    const ab = client(relay.port, ["AAA3:B", "BBB4:B"]);
    cleanup.push(async () => (a.ws.close(), ab.ws.close()));
    await Promise.all([a.subscribed, ab.subscribed]);

    up.send({ type: "trade", asset: "AAA3:B", trade: { price: 1 } });
    up.send({ type: "daily", asset: "BBB4:B", daily: { close: 2 } });
    up.send({ type: "heartbeat" });
    await expect.poll(() => ab.got.length).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(a.got).toHaveLength(1);
    const first = JSON.parse(a.got[0]!) as { type: string; asset: string; ts: number };
    expect(first).toMatchObject({ type: "trade", asset: "AAA3:B" });
    expect(ab.got[1]).toContain('"BBB4:B"');

    const stats = (await (await fetch(`http://127.0.0.1:${relay.port}/stats`)).json()) as Record<
      string,
      number
    >;
    expect(stats).toMatchObject({ forwarded: 3, dropped: 0, clients: 2, upstreamAssetFrames: 2 });
  });

  it("reconnects and re-subscribes when the producer cuts the link, counting the cut", async () => {
    const up = await fakeUpstream("tok");
    cleanup.push(up.close);
    const relay = await startRawRelay({ feedUrl: up.url, feedToken: "tok" });
    cleanup.push(relay.close);
    await relay.ready;
    const c = client(relay.port, ["AAA3:B"]);
    cleanup.push(async () => c.ws.close());
    await c.subscribed;
    up.cut();
    await expect.poll(() => relay.stats.upstreamDisconnects).toBe(1);
    await expect.poll(() => relay.stats.ready).toBe(true);
    expect(relay.stats.lastUpstreamClose).toBe("1013 slow consumer");
    up.send({ type: "trade", asset: "AAA3:B", trade: { price: 2 } });
    await expect.poll(() => c.got.length).toBe(1);
  });

  it("rejects ready when the upstream refuses the token", async () => {
    const up = await fakeUpstream("tok");
    cleanup.push(up.close);
    const relay = await startRawRelay({ feedUrl: up.url, feedToken: "wrong" });
    cleanup.push(relay.close);
    await expect(relay.ready).rejects.toThrow();
  });
});
