/**
 * BFF memory after one valid full-book snapshot of ~90 MB (issue 9, "Resource bounds"). This process is the upstream:
 * it answers `subscribe` with a `bookSnapshot` of about a million valid levels a side. A BFF child subscribes through a
 * real browser socket; the script samples the child's RSS for a fixed time and prints baseline, peak and settled RSS,
 * then forces a full GC through the inspector (heap-probe.ts) and prints what the BFF retains.
 *
 *   node --import tsx bench/src/big-snapshot.ts [--frame-cap <bytes>] [--mb 90] [--seconds 15]
 *
 * Without `--frame-cap` the BFF's default FEED_MAX_FRAME_BYTES applies (the frame is refused and the link dropped).
 */
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import pidusage from "pidusage";
import { io } from "socket.io-client";
import { WebSocketServer, type WebSocket } from "ws";
import { createBenchUser, login } from "./bff-login.ts";
import { INSPECT_ARG, inspectorUrl, memoryAfterGc } from "./heap-probe.ts";
import { freePort } from "./net.ts";
import { startService } from "./procs.ts";

const ASSET = "PETR4:B";
const TOKEN = "bench-big-snapshot";
const { values } = parseArgs({
  options: {
    "frame-cap": { type: "string" },
    mb: { type: "string", default: "90" },
    seconds: { type: "string", default: "15" },
    /** Another BFF entry (e.g. an older checkout's bff/src/index.ts) to compare against. */
    "bff-entry": { type: "string", default: "bff/src/index.ts" },
  },
});
const targetBytes = Number(values.mb) * 1e6;
const MiB = (n: number) => Math.round(n / 1048576);

/** Valid levels: bids 50000.00 down, asks 50000.01 up, on a 0.01 grid, until the frame is about `bytes` long. */
function bigSnapshot(bytes: number): string {
  const perSide = Math.ceil(bytes / 2 / 44);
  const side = (from: number, dir: number) =>
    Array.from(
      { length: perSide },
      (_, i) => `{"price":${((from + dir * i) / 100).toFixed(2)},"quantity":100,"count":1}`,
    ).join(",");
  const bids = side(5_000_000, -1);
  const asks = side(5_000_001, 1);
  return `"type":"bookSnapshot","asset":"${ASSET}","bids":[${bids}],"asks":[${asks}]}`;
}

const info = {
  asset: ASSET,
  name: "PETR4",
  description: "PETROBRAS PN",
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
};
const daily = {
  open: 50000,
  high: 50010,
  low: 49990,
  close: 50000,
  previousClose: 50000,
  volume: 1,
  quantity: 1,
  trades: 1,
  settlement: null,
  maxLimit: 60000,
  minLimit: 40000,
  volumeBuyer: 0,
  volumeSeller: 0,
  openInterest: 0,
};

function startUpstream(snapshotTail: string) {
  const wss = new WebSocketServer({
    port: 0,
    host: "127.0.0.1",
    path: "/feed/v1",
    maxPayload: 1 << 20,
    verifyClient: (i, cb) => cb(i.req.headers.authorization === `Bearer ${TOKEN}`, 401),
  });
  const stats = { connections: 0, snapshotsSent: 0 };
  wss.on("connection", (ws: WebSocket) => {
    stats.connections++;
    let seq = 0;
    const send = (m: object) => ws.send(JSON.stringify({ seq: ++seq, ts: Date.now(), ...m }));
    send({ type: "hello", protocol: 1, server: "big-snapshot/0", heartbeatMs: 1000 });
    for (const [stateType, result] of [
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 0],
    ])
      send({ type: "connectionState", stateType, result });
    const beat = setInterval(() => send({ type: "heartbeat" }), 1000);
    ws.on("close", () => clearInterval(beat));
    ws.on("message", (data) => {
      const req = JSON.parse(String(data)) as { type: string; reqId?: string; assets?: string[] };
      const reqId = req.reqId === undefined ? {} : { reqId: req.reqId };
      if (req.type === "listAssets") return send({ type: "assetList", ...reqId, assets: [info] });
      if (req.type === "unsubscribe") return send({ type: "unsubscribed", ...reqId, assets: req.assets });
      if (req.type !== "subscribe") return;
      send({ type: "assetInfo", info });
      send({ type: "tickerState", asset: ASSET, state: 0 });
      send({ type: "daily", asset: ASSET, daily });
      ws.send(`{"seq":${++seq},"ts":${Date.now()},${snapshotTail}`);
      stats.snapshotsSent++;
      send({ type: "subscribed", ...reqId, assets: [ASSET] });
    });
  });
  return { wss, stats, port: () => (wss.address() as AddressInfo).port };
}

async function main(): Promise<void> {
  const tail = bigSnapshot(targetBytes);
  const upstream = startUpstream(tail);
  await new Promise((r) => upstream.wss.once("listening", r));
  const user = await createBenchUser();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PORT: String(port),
    HOST: "127.0.0.1",
    METRICS_PORT: "0",
    LOG_LEVEL: "info",
    NODE_ENV: "production",
    FEED_URL: `ws://127.0.0.1:${upstream.port()}/feed/v1`,
    FEED_TOKEN: TOKEN,
    USERS_FILE: user.usersFile,
    ...(values["frame-cap"] ? { FEED_MAX_FRAME_BYTES: values["frame-cap"] } : {}),
  };
  const bff = await startService("bff", values["bff-entry"], [], env, 30_000, [INSPECT_ARG]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const baseline = (await pidusage(bff.pid)).memory;
    const headers = await login(url, user);
    const socket = io(url, { transports: ["websocket"], extraHeaders: headers, reconnection: false });
    await new Promise<void>((resolve, reject) =>
      socket.once("connect", resolve).once("connect_error", reject),
    );
    const ack = socket
      .timeout(20_000)
      .emitWithAck("book:subscribe", { assets: [ASSET] })
      .catch((e: Error) => e);
    let peak = baseline;
    let last = baseline;
    const until = Date.now() + Number(values.seconds) * 1000;
    while (Date.now() < until) {
      last = (await pidusage(bff.pid)).memory;
      peak = Math.max(peak, last);
      await new Promise((r) => setTimeout(r, 100));
    }
    const inspector = inspectorUrl(bff.output);
    const gc = inspector ? await memoryAfterGc(inspector) : null;
    const a = (await ack) as { ok?: boolean; data?: { books: Array<{ bids: unknown[] }> } } | Error;
    const book = a instanceof Error ? null : a.data?.books[0];
    process.stdout.write(
      JSON.stringify({
        snapshotMB: Math.round(tail.length / 1e5) / 10,
        frameCap: values["frame-cap"] ?? "default",
        rssMiB: { baseline: MiB(baseline), peak: MiB(peak), settled: MiB(last) },
        afterFullGcMiB: gc && { rss: Math.round(gc.rssMb), heapUsed: Math.round(gc.heapUsedMb) },
        upstream: upstream.stats,
        ack: a instanceof Error ? a.message : { ok: a.ok, bookLevels: book?.bids.length ?? null },
      }) + "\n",
    );
    socket.disconnect();
  } finally {
    await bff.stop();
    user.remove();
    for (const c of upstream.wss.clients) c.terminate();
    upstream.wss.close();
  }
}

await main();
