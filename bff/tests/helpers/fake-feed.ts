import { WebSocketServer, type WebSocket } from "ws";
import type { AddressInfo } from "node:net";
import type { AssetInfo, FeedClientMessage, FeedServerMessage } from "@pregao/contracts";

type Outgoing = { type: FeedServerMessage["type"] } & Record<string, unknown>;

export const fakeAssets: AssetInfo[] = ["PETR4:B", "VALE3:B", "ITUB4:B"].map((asset) => ({
  asset,
  name: asset.split(":")[0]!,
  description: asset,
  minOrderQty: 100,
  maxOrderQty: 1_000_000,
  lot: 100,
  securityType: 5,
  securitySubType: 26,
  tickSize: 0.01,
  contractMultiplier: 1,
  validDate: null,
  isin: null,
  sector: null,
}));

export const fakeDaily = (close = 10) => ({
  open: 9.5,
  high: 10.5,
  low: 9.4,
  close,
  previousClose: 9.8,
  volume: 1000,
  quantity: 100,
  trades: 3,
  settlement: null,
  maxLimit: 12,
  minLimit: 8,
  volumeBuyer: 500,
  volumeSeller: 500,
  openInterest: 0,
});

/** A tiny feed server speaking enough of docs/feed-protocol.md for the BFF's unit and integration tests. */
export class FakeFeed {
  private readonly wss: WebSocketServer;
  private readonly seqs = new Map<WebSocket, number>();
  refuse = false;
  readonly received: FeedClientMessage[] = [];
  connections = 0;

  private constructor(wss: WebSocketServer) {
    this.wss = wss;
    wss.on("connection", (ws) => {
      this.connections++;
      this.seqs.set(ws, 0);
      this.sendTo(ws, { type: "hello", protocol: 1, server: "fake/0", heartbeatMs: 1000 });
      for (const [stateType, result] of [
        [0, 0],
        [1, 2],
        [2, 4],
        [3, 0],
      ] as const)
        this.sendTo(ws, { type: "connectionState", stateType, result });
      ws.on("message", (data) => this.onRequest(ws, JSON.parse(String(data)) as FeedClientMessage));
      ws.on("close", () => this.seqs.delete(ws));
    });
  }

  static async start(): Promise<FakeFeed> {
    const holder: { feed?: FakeFeed } = {};
    const wss = new WebSocketServer({
      port: 0,
      host: "127.0.0.1",
      path: "/feed/v1",
      verifyClient: (info, cb) => {
        const ok = !holder.feed?.refuse && info.req.headers.authorization === "Bearer t";
        cb(ok, ok ? undefined : 401);
      },
    });
    await new Promise<void>((r) => wss.once("listening", () => r()));
    holder.feed = new FakeFeed(wss);
    return holder.feed;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/feed/v1`;
  }

  get clients(): WebSocket[] {
    return [...this.seqs.keys()];
  }

  /** Sends to every client with the next seq (plus `skip`). */
  broadcast(msg: Outgoing, skip = 0): void {
    for (const ws of this.clients) this.sendTo(ws, msg, skip);
  }

  sendTo(ws: WebSocket, msg: Outgoing, skip = 0): void {
    const seq = (this.seqs.get(ws) ?? 0) + 1 + skip;
    this.seqs.set(ws, seq);
    ws.send(JSON.stringify({ seq, ts: Date.now(), ...msg }));
  }

  raw(text: string): void {
    for (const ws of this.clients) ws.send(text);
  }

  dropAll(): void {
    for (const ws of this.clients) ws.terminate();
  }

  async waitFor(pred: (m: FeedClientMessage) => boolean, timeoutMs = 3000): Promise<FeedClientMessage> {
    const start = Date.now();
    for (;;) {
      const hit = this.received.find(pred);
      if (hit) return hit;
      if (Date.now() - start > timeoutMs) throw new Error("timeout waiting for client message");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    return new Promise((r) => this.wss.close(() => r()));
  }

  private onRequest(ws: WebSocket, msg: FeedClientMessage): void {
    this.received.push(msg);
    if (msg.type === "listAssets")
      return this.sendTo(ws, { type: "assetList", reqId: msg.reqId, assets: fakeAssets });
    if (msg.type === "unsubscribe") return this.sendTo(ws, { type: "unsubscribed", assets: msg.assets });
    const valid = msg.assets.filter((a) => fakeAssets.some((i) => i.asset === a));
    for (const asset of valid) {
      this.sendTo(ws, { type: "assetInfo", info: fakeAssets.find((i) => i.asset === asset) });
      this.sendTo(ws, { type: "tickerState", asset, state: 0 });
      this.sendTo(ws, { type: "daily", asset, daily: fakeDaily() });
      this.sendTo(ws, {
        type: "bookSnapshot",
        asset,
        bids: [{ price: 9.99, quantity: 100, count: 1 }],
        asks: [{ price: 10.01, quantity: 200, count: 2 }],
      });
    }
    for (const asset of msg.assets.filter((a) => !valid.includes(a)))
      this.sendTo(ws, { type: "invalidTicker", asset });
    this.sendTo(ws, { type: "subscribed", reqId: msg.reqId, assets: valid });
  }
}
