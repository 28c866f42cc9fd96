/**
 * A tiny stand-in for the sim's feed, for the relays' tests: checks the bearer token, answers hello/listAssets/
 * subscribe, then lets the test push messages and cut the link as a slow-consumer close would.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface FakeUpstream {
  url: string;
  send(m: object): void;
  cut(): void;
  close(): Promise<void>;
}

export async function fakeUpstream(token: string, assets: readonly string[]): Promise<FakeUpstream> {
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
          send({ type: "assetList", reqId: m.reqId, assets: assets.map((asset) => ({ asset })) });
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
