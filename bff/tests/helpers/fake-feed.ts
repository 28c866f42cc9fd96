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
  /** Script: subscribes for these assets are swallowed (no snapshot, no reply), each entry once per count. */
  readonly dropSubscribes = new Map<string, number>();
  /** Script: the next `listAssets` replies are answered with only this many assets (partial list), once per count. */
  partialLists = 0;
  /** Script: the next `listAssets` requests go unanswered, once per count. */
  dropLists = 0;
  partialListSize = 1;
  /** Script: assets the ticker skips until their next subscribe (the bridge lost the subscription silently). */
  readonly muted = new Set<string>();
  /** Assets subscribed (and not unsubscribed since): the ticker sends data only for these, as a bridge does. */
  readonly streaming = new Set<string>();
  /** Script: answers `getHistoryTrades` with these packets (the last one flagged `last`); null drops the request. */
  history: (req: { asset: string; from: number; to: number }) => unknown[][] | null = () => [[]];
  private ticker: NodeJS.Timeout | undefined;

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
    clearInterval(this.ticker);
    for (const ws of this.clients) ws.terminate();
    return new Promise((r) => this.wss.close(() => r()));
  }

  private onRequest(ws: WebSocket, msg: FeedClientMessage): void {
    this.received.push(msg);
    if (msg.type === "listAssets" && this.dropLists > 0) {
      this.dropLists--;
      return;
    }
    if (msg.type === "listAssets") {
      const partial = this.partialLists > 0;
      if (partial) this.partialLists--;
      const assets = partial ? fakeAssets.slice(0, this.partialListSize) : fakeAssets;
      return this.sendTo(ws, { type: "assetList", reqId: msg.reqId, assets });
    }
    if (msg.type === "getHistoryTrades") {
      const packets = this.history(msg);
      if (packets === null) return;
      const { reqId, asset } = msg;
      packets.forEach((trades, i) =>
        this.sendTo(ws, { type: "historyTrades", reqId, asset, trades, last: i === packets.length - 1 }),
      );
      return;
    }
    if (msg.type === "unsubscribe") {
      for (const a of msg.assets) this.streaming.delete(a);
      return this.sendTo(ws, { type: "unsubscribed", reqId: msg.reqId, assets: msg.assets });
    }
    const dropped = msg.assets.filter((a) => (this.dropSubscribes.get(a) ?? 0) > 0);
    for (const a of dropped) this.dropSubscribes.set(a, this.dropSubscribes.get(a)! - 1);
    if (dropped.length > 0) return; // the bridge lost the whole request: no snapshot, no reply
    for (const a of msg.assets) this.muted.delete(a);
    for (const a of msg.assets) this.streaming.add(a);
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
      this.sendTo(ws, { type: "invalidTicker", reqId: msg.reqId, asset });
    this.sendTo(ws, { type: "subscribed", reqId: msg.reqId, assets: valid });
  }

  /**
   * Script: every `everyMs`, a heartbeat and a `daily` for each of `assets` not muted (a live market with one
   * message per asset per tick).
   */
  tick(everyMs: number, assets: readonly string[]): void {
    clearInterval(this.ticker);
    let close = 10;
    this.ticker = setInterval(() => {
      close = close >= 10.5 ? 10 : Math.round((close + 0.01) * 100) / 100;
      this.broadcast({ type: "heartbeat" });
      for (const asset of assets)
        if (this.streaming.has(asset) && !this.muted.has(asset))
          this.broadcast({ type: "daily", asset, daily: fakeDaily(close) });
    }, everyMs);
  }

  /** Script: stop reading from every client socket (its writes pile up in our kernel buffers, then its own). */
  pauseReading(): void {
    for (const ws of this.clients) (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  /** Script: `count` heartbeats, each skipping a `seq` (a gap per message). */
  floodGaps(count: number): void {
    for (let i = 0; i < count; i++) this.broadcast({ type: "heartbeat" }, 1);
  }

  /** Subscribe requests received for `asset`. */
  subscribesFor(asset: string): number {
    return this.received.filter((m) => m.type === "subscribe" && m.assets.includes(asset)).length;
  }
}
