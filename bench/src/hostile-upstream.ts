/**
 * The BFF against a hostile or lossy upstream (issue 9, "Requests without replies" and "Resource bounds"). This
 * process is the upstream; a BFF child subscribes through a real browser socket.
 *
 *   node --import tsx bench/src/hostile-upstream.ts --mode gaps [--seconds 20] [--rate 20000] [--assets 20]
 *     After the subscribe, the upstream stops reading its socket and sends `rate` sequence gaps per second for
 *     `seconds`. Prints the BFF's RSS (start, peak, end), its log lines in that time, and what the upstream received.
 *   node --import tsx bench/src/hostile-upstream.ts --mode drop
 *     The upstream swallows the first subscribe for the asset (no snapshot, no reply) and then behaves. Prints the
 *     time from the browser's subscribe to the first quote, and the number of upstream connections (1 = no reconnect).
 *
 * Bounded: every phase has a fixed duration; the BFF child and the server are always stopped.
 */
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pidusage from "pidusage";
import { io } from "socket.io-client";
import { WebSocketServer, type WebSocket } from "ws";
import { createBenchUser, login } from "./bff-login.ts";
import { freePort } from "./net.ts";
import { startService } from "./procs.ts";

const TOKEN = "bench-hostile";
const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "gaps" },
    seconds: { type: "string", default: "20" },
    rate: { type: "string", default: "20000" },
    assets: { type: "string", default: "20" },
    "bff-entry": { type: "string", default: "bff/src/index.ts" },
  },
});
const MiB = (n: number) => Math.round(n / 1048576);
const assets = Array.from({ length: Number(values.assets) }, (_, i) => `AS${String(i).padStart(2, "0")}3:B`);
const info = (asset: string) => ({
  asset,
  name: asset.split(":")[0],
  description: asset,
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
const daily = (close: number) => ({
  ...{ open: 10, high: 11, low: 9, close, previousClose: 10, volume: 1, quantity: 1, trades: 1 },
  ...{ settlement: null, maxLimit: 20, minLimit: 5, volumeBuyer: 0, volumeSeller: 0, openInterest: 0 },
});

interface Upstream {
  wss: WebSocketServer;
  stats: { connections: number; subscribes: number; swallowed: number };
  /** The live connection's socket and sender (the newest). */
  current?: { ws: WebSocket; send(m: object, skip?: number): void };
}

function startUpstream(swallowFirst: boolean): Upstream {
  const wss = new WebSocketServer({
    port: 0,
    host: "127.0.0.1",
    path: "/feed/v1",
    verifyClient: (i, cb) => cb(i.req.headers.authorization === `Bearer ${TOKEN}`, 401),
  });
  const up: Upstream = { wss, stats: { connections: 0, subscribes: 0, swallowed: 0 } };
  wss.on("connection", (ws: WebSocket) => {
    up.stats.connections++;
    let seq = 0;
    const send = (m: object, skip = 0) => {
      seq += 1 + skip;
      ws.send(JSON.stringify({ seq, ts: Date.now(), ...m }));
    };
    up.current = { ws, send };
    send({ type: "hello", protocol: 1, server: "hostile/0", heartbeatMs: 1000 });
    for (const [stateType, result] of [
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 0],
    ])
      send({ type: "connectionState", stateType, result });
    let close = 10;
    const beat = setInterval(() => {
      send({ type: "heartbeat" });
      close = close >= 11 ? 10 : Math.round((close + 0.01) * 100) / 100;
      for (const asset of assets) send({ type: "daily", asset, daily: daily(close) });
    }, 100);
    ws.on("close", () => clearInterval(beat));
    ws.on("message", (data) => {
      const req = JSON.parse(String(data)) as { type: string; reqId?: string; assets?: string[] };
      const reqId = req.reqId === undefined ? {} : { reqId: req.reqId };
      if (req.type === "listAssets") return send({ type: "assetList", ...reqId, assets: assets.map(info) });
      if (req.type === "unsubscribe") return send({ type: "unsubscribed", ...reqId, assets: req.assets });
      if (req.type !== "subscribe") return;
      up.stats.subscribes++;
      if (swallowFirst && up.stats.swallowed === 0) return void up.stats.swallowed++;
      for (const asset of req.assets ?? []) {
        send({ type: "assetInfo", info: info(asset) });
        send({ type: "daily", asset, daily: daily(close) });
        send({ type: "bookSnapshot", asset, bids: [{ price: 9.99, quantity: 100, count: 1 }], asks: [] });
      }
      send({ type: "subscribed", ...reqId, assets: req.assets });
    });
  });
  return up;
}

async function main(): Promise<void> {
  const up = startUpstream(values.mode === "drop");
  await new Promise((r) => up.wss.once("listening", r));
  const user = await createBenchUser();
  const port = await freePort();
  const bff = await startService("bff", values["bff-entry"], [], {
    PORT: String(port),
    HOST: "127.0.0.1",
    METRICS_PORT: "0",
    LOG_LEVEL: "info",
    NODE_ENV: "production",
    FEED_URL: `ws://127.0.0.1:${(up.wss.address() as AddressInfo).port}/feed/v1`,
    FEED_TOKEN: TOKEN,
    USERS_FILE: user.usersFile,
  });
  let logLines = 0;
  createInterface({ input: bff.child.stdout! }).on("line", () => logLines++);
  const url = `http://127.0.0.1:${port}`;
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const socket = io(url, {
      transports: ["websocket"],
      extraHeaders: await login(url, user),
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) =>
      socket.once("connect", resolve).once("connect_error", reject),
    );
    const t0 = Date.now();
    const firstQuote = new Promise<number>((resolve) =>
      socket.on("quotes:updated", (qs: Array<{ asset: string }>) => {
        if (qs.some((q) => q.asset === assets[0])) resolve(Date.now() - t0);
      }),
    );
    const ack = (await socket.timeout(20_000).emitWithAck("quotes:subscribe", { assets })) as {
      data?: { quotes: unknown[] };
    };
    if (values.mode === "drop") {
      const ms = await Promise.race([
        firstQuote,
        new Promise<null>((r) => setTimeout(() => r(null), 30_000)),
      ]);
      const result = {
        mode: "drop",
        snapshotQuotes: ack.data?.quotes.length ?? 0,
        msToQuotes: ms,
        upstream: up.stats,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else await gaps(bff.pid, up, () => logLines);
    socket.disconnect();
  } finally {
    await bff.stop();
    user.remove();
    for (const c of up.wss.clients) c.terminate();
    up.wss.close();
  }
}

/** The upstream stops reading and floods gaps; RSS is sampled every 250 ms. */
async function gaps(pid: number, up: Upstream, lines: () => number): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000));
  const start = (await pidusage(pid)).memory;
  const linesBefore = lines();
  const subscribesBefore = up.stats.subscribes;
  const connectionsBefore = up.stats.connections;
  (up.current!.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const perTick = Math.round(Number(values.rate) / 20);
  let peak = start;
  let sent = 0;
  const until = Date.now() + Number(values.seconds) * 1000;
  let nextSample = 0;
  while (Date.now() < until) {
    const cur = up.current!;
    if (cur.ws.readyState === cur.ws.OPEN) {
      for (let i = 0; i < perTick; i++) cur.send({ type: "heartbeat" }, 1);
      sent += perTick;
    }
    if (Date.now() >= nextSample) {
      peak = Math.max(peak, (await pidusage(pid)).memory);
      nextSample = Date.now() + 250;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const end = (await pidusage(pid)).memory;
  const result = {
    mode: "gaps",
    seconds: Number(values.seconds),
    gapsSent: sent,
    rssMiB: { start: MiB(start), peak: MiB(Math.max(peak, end)), end: MiB(end) },
    logLines: lines() - linesBefore,
    upstream: {
      subscribesReceived: up.stats.subscribes - subscribesBefore,
      reconnects: up.stats.connections - connectionsBefore,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
