/**
 * A scripted ProfitDLL-feed upstream for the standalone benches (hostile-upstream.ts, big-snapshot.ts): the bench
 * process is the feed, speaking just enough of docs/feed-protocol.md (hello, connectionState, listAssets,
 * (un)subscribe, heartbeats, per-connection `seq`), and starts a BFF child on it with one logged-in browser socket.
 * What the upstream does on a subscribe or on each tick is the script's.
 */
import type { AddressInfo } from "node:net";
import { io, type Socket } from "socket.io-client";
import { WebSocketServer, type WebSocket } from "ws";
import type { AssetInfo, Daily } from "@pregao/contracts";
import { createBenchUser, login } from "./bff-login.ts";
import { freePort } from "./net.ts";
import { startService, type Service } from "./procs.ts";

/** An equity (lot 100, tick 0.01) as the bridge lists it; `description` defaults to the asset key. */
export const assetInfo = (asset: string, description = asset): AssetInfo => ({
  asset,
  name: asset.split(":")[0]!,
  description,
  minOrderQty: 100,
  maxOrderQty: 1e7,
  lot: 100,
  securityType: 5,
  securitySubType: 26,
  tickSize: 0.01,
  contractMultiplier: 1,
  validDate: null,
  isin: null,
  sector: null,
});

/** A daily bar around 10 with minimal volume; `prices` overrides open/high/low/close/limits. */
export const daily = (prices: Partial<Daily> = {}): Daily => ({
  ...{ open: 10, high: 11, low: 9, close: 10, previousClose: 10, volume: 1, quantity: 1, trades: 1 },
  ...{ settlement: null, maxLimit: 20, minLimit: 5, volumeBuyer: 0, volumeSeller: 0, openInterest: 0 },
  ...prices,
});

/** One upstream connection (the BFF's feed link). */
export interface FeedConnection {
  ws: WebSocket;
  /** Sends `{ seq, ts, ...m }`; `skip` leaves that many sequence numbers out (a gap). */
  send(m: object, skip?: number): void;
  /** Sends a prebuilt frame: `tail` is the JSON after `{"seq":…,"ts":…,` (for frames too big to stringify each time). */
  sendRaw(tail: string): void;
}

export interface UpstreamScript {
  /** Bearer token the BFF must present. */
  token: string;
  /** `server` in hello. */
  server: string;
  /** The `listAssets` reply. */
  catalog: AssetInfo[];
  /** A heartbeat is sent every `tickMs`, then `onTick` runs. */
  tickMs: number;
  onTick?(conn: FeedConnection): void;
  /** Sends what the subscribe yields before `subscribed`; returns false to swallow it (no data, no reply). */
  onSubscribe(conn: FeedConnection, assets: string[]): boolean | void;
  /** ws `maxPayload` for frames from the BFF. */
  maxPayload?: number;
}

export interface ScriptedUpstream {
  wss: WebSocketServer;
  feedUrl: string;
  /** The bearer token the upstream accepts. */
  token: string;
  stats: { connections: number; subscribes: number };
  /** The newest connection. */
  current?: FeedConnection;
  close(): void;
}

export async function startScriptedUpstream(script: UpstreamScript): Promise<ScriptedUpstream> {
  const wss = new WebSocketServer({
    port: 0,
    host: "127.0.0.1",
    path: "/feed/v1",
    ...(script.maxPayload === undefined ? {} : { maxPayload: script.maxPayload }),
    verifyClient: (i, cb) => cb(i.req.headers.authorization === `Bearer ${script.token}`, 401),
  });
  await new Promise((r) => wss.once("listening", r));
  const up: ScriptedUpstream = {
    wss,
    feedUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/feed/v1`,
    token: script.token,
    stats: { connections: 0, subscribes: 0 },
    close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
  wss.on("connection", (ws: WebSocket) => {
    up.stats.connections++;
    let seq = 0;
    const conn: FeedConnection = {
      ws,
      send(m, skip = 0) {
        seq += 1 + skip;
        ws.send(JSON.stringify({ seq, ts: Date.now(), ...m }));
      },
      sendRaw: (tail) => ws.send(`{"seq":${++seq},"ts":${Date.now()},${tail}`),
    };
    up.current = conn;
    conn.send({ type: "hello", protocol: 1, server: script.server, heartbeatMs: 1000 });
    for (const [stateType, result] of [
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 0],
    ])
      conn.send({ type: "connectionState", stateType, result });
    const beat = setInterval(() => {
      conn.send({ type: "heartbeat" });
      script.onTick?.(conn);
    }, script.tickMs);
    ws.on("close", () => clearInterval(beat));
    ws.on("message", (data) => {
      const req = JSON.parse(String(data)) as { type: string; reqId?: string; assets?: string[] };
      const reqId = req.reqId === undefined ? {} : { reqId: req.reqId };
      if (req.type === "listAssets")
        return conn.send({ type: "assetList", ...reqId, assets: script.catalog });
      if (req.type === "unsubscribe")
        return conn.send({ type: "unsubscribed", ...reqId, assets: req.assets });
      if (req.type !== "subscribe") return;
      up.stats.subscribes++;
      if (script.onSubscribe(conn, req.assets ?? []) === false) return;
      conn.send({ type: "subscribed", ...reqId, assets: req.assets });
    });
  });
  return up;
}

export interface BffOnUpstream {
  bff: Service;
  /** Logs the throwaway user in and opens a browser socket (websocket transport, no reconnection). */
  browserSocket(): Promise<Socket>;
  /** Stops the BFF and removes the user. */
  stop(): Promise<void>;
}

/** A production-mode BFF child (`LOG_LEVEL=info`) on `up`'s feed, with a throwaway user of its own. */
export async function startBffOn(
  up: ScriptedUpstream,
  opts: { entry: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] },
): Promise<BffOnUpstream> {
  const user = await createBenchUser();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    HOST: "127.0.0.1",
    METRICS_PORT: "0",
    LOG_LEVEL: "info",
    NODE_ENV: "production",
  };
  const feed = { FEED_URL: up.feedUrl, FEED_TOKEN: up.token, USERS_FILE: user.usersFile };
  const bff = await startService(
    "bff",
    opts.entry,
    [],
    { ...env, ...feed, ...opts.env },
    30_000,
    opts.nodeArgs,
  ).catch((err: unknown) => {
    user.remove();
    throw err;
  });
  return {
    bff,
    async browserSocket() {
      const socket = io(url, {
        transports: ["websocket"],
        extraHeaders: await login(url, user),
        reconnection: false,
      });
      await new Promise<void>((resolve, reject) =>
        socket.once("connect", resolve).once("connect_error", reject),
      );
      return socket;
    },
    async stop() {
      await bff.stop();
      user.remove();
    },
  };
}

/** `--bff-entry`: another BFF entry (e.g. an older checkout's bff/src/index.ts) to compare against. */
export const BFF_ENTRY_OPTION = { "bff-entry": { type: "string", default: "bff/src/index.ts" } } as const;
