/**
 * The baseline: the least a relay can do. One upstream feed connection subscribed to every asset, a plain `ws` server
 * for clients, and for every upstream frame that names an asset, the same bytes sent to every client subscribed to that
 * asset. No parsing beyond finding `"asset":"…"`, no state, no conflation, no batching, no re-encoding.
 *
 * The one thing it adds is a slow-client guard: a frame is dropped (and counted) for a client whose socket already has
 * more than `maxBufferedBytes` queued. Without it an overloaded relay buffers without bound and the run ends in an OOM,
 * not a number.
 *
 * Client protocol: send `{"type":"subscribe","assets":[…]}`; the relay replies `{"type":"subscribed","assets":[…]}`.
 * `GET /stats` returns the counters, `GET /ready` 200 once the upstream subscription is confirmed.
 *
 * Run as a process: `node --import tsx bench/src/raw-relay.ts --feed-url ws://127.0.0.1:9001/feed/v1 [--port 0]
 * [--max-buffered 1048576]` (env FEED_TOKEN). Logs one JSON line with `port` when ready.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { WebSocket, WebSocketServer } from "ws";
import { numFlag, parseFlags, readAsset, strFlag } from "./common.ts";

export interface RawRelayOptions {
  feedUrl: string;
  feedToken: string;
  port?: number;
  host?: string;
  maxBufferedBytes?: number;
}

export interface RawRelayStats {
  upstreamFrames: number;
  upstreamAssetFrames: number;
  forwarded: number;
  dropped: number;
  clients: number;
  assets: number;
  ready: boolean;
  /** Times the producer cut the upstream link (e.g. 1013 slow consumer) and the relay reconnected. */
  upstreamDisconnects: number;
  lastUpstreamClose: string | null;
}

export interface RawRelay {
  port: number;
  stats: RawRelayStats;
  ready: Promise<void>;
  close(): Promise<void>;
}

export async function startRawRelay(opts: RawRelayOptions): Promise<RawRelay> {
  const maxBuffered = opts.maxBufferedBytes ?? 1 << 20;
  const stats: RawRelayStats = {
    upstreamFrames: 0,
    upstreamAssetFrames: 0,
    forwarded: 0,
    dropped: 0,
    clients: 0,
    assets: 0,
    ready: false,
    upstreamDisconnects: 0,
    lastUpstreamClose: null,
  };
  const subscribers = new Map<string, Set<WebSocket>>();

  const http: Server = createServer((req, res) => {
    if (req.url === "/stats") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(stats));
    } else if (req.url === "/ready") {
      res.writeHead(stats.ready ? 200 : 503).end();
    } else res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on("connection", (ws) => {
    stats.clients++;
    const mine = new Set<string>();
    ws.on("message", (data) => {
      let msg: { type?: unknown; assets?: unknown };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        return;
      }
      if (msg.type !== "subscribe" || !Array.isArray(msg.assets)) return;
      const assets = msg.assets.filter((a): a is string => typeof a === "string");
      for (const a of assets) {
        mine.add(a);
        let set = subscribers.get(a);
        if (!set) subscribers.set(a, (set = new Set()));
        set.add(ws);
      }
      ws.send(JSON.stringify({ type: "subscribed", assets }));
    });
    ws.on("close", () => {
      stats.clients--;
      for (const a of mine) subscribers.get(a)?.delete(ws);
    });
    ws.on("error", () => ws.terminate());
  });

  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => {});
  let everReady = false;
  let closing = false;
  let upstream: WebSocket;

  /**
   * One upstream connection. A consumer that falls behind is cut by the producer (the sim closes it with 1013 "slow
   * consumer"); like any feed consumer the relay then reconnects and re-subscribes, and counts the cut.
   */
  const connectUpstream = () => {
    const ws = new WebSocket(opts.feedUrl, {
      headers: { authorization: `Bearer ${opts.feedToken}` },
      perMessageDeflate: false,
    });
    upstream = ws;
    ws.on("error", (e) => {
      if (!everReady) rejectReady(e);
    });
    ws.on("close", (code, reason) => {
      stats.ready = false;
      if (closing) return;
      if (!everReady) return rejectReady(new Error(`upstream closed (${code})`));
      stats.upstreamDisconnects++;
      stats.lastUpstreamClose = `${code} ${reason.toString()}`.trim();
      process.stderr.write(`raw relay: upstream closed (${stats.lastUpstreamClose}); reconnecting\n`);
      setTimeout(connectUpstream, 250).unref();
    });
    ws.on("message", (data: Buffer, isBinary) => {
      stats.upstreamFrames++;
      if (isBinary) return;
      if (!stats.ready) {
        // Control messages are parsed only until the subscription is confirmed.
        const msg = JSON.parse(data.toString()) as { type: string; assets?: ({ asset: string } | string)[] };
        if (msg.type === "hello") ws.send(JSON.stringify({ type: "listAssets", reqId: "relay-list" }));
        else if (msg.type === "assetList") {
          const all = (msg.assets ?? []).map((a) => (typeof a === "string" ? a : a.asset));
          stats.assets = all.length;
          for (let i = 0; i < all.length; i += 500)
            ws.send(
              JSON.stringify({ type: "subscribe", reqId: `relay-sub-${i}`, assets: all.slice(i, i + 500) }),
            );
        } else if (msg.type === "subscribed") {
          stats.ready = true;
          everReady = true;
          resolveReady();
        }
        return;
      }
      const asset = readAsset(data);
      if (asset === undefined) return;
      stats.upstreamAssetFrames++;
      const set = subscribers.get(asset);
      if (!set) return;
      for (const client of set) {
        if (client.bufferedAmount > maxBuffered) stats.dropped++;
        else {
          client.send(data, { binary: false });
          stats.forwarded++;
        }
      }
    });
  };
  connectUpstream();

  await new Promise<void>((res) => http.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", res));
  const port = (http.address() as AddressInfo).port;

  return {
    port,
    stats,
    ready,
    close: async () => {
      closing = true;
      upstream.terminate();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((res) => wss.close(() => res()));
      await new Promise<void>((res) => http.close(() => res()));
    },
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const relay = await startRawRelay({
    feedUrl: strFlag(flags, "feed-url", process.env.FEED_URL ?? "ws://127.0.0.1:9001/feed/v1"),
    feedToken: process.env.FEED_TOKEN ?? "dev-feed-token",
    port: numFlag(flags, "port", 0),
    maxBufferedBytes: numFlag(flags, "max-buffered", 1 << 20),
  });
  const stop = () => void relay.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  try {
    await relay.ready;
  } catch (err) {
    process.stderr.write(`raw relay: upstream failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `${JSON.stringify({ msg: "raw relay ready", port: relay.port, assets: relay.stats.assets })}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
