/**
 * The FLOOR baseline: the least a relay must do for the BFF's job. One upstream feed connection (all assets), every
 * message parsed into a merged quote per asset (src/floor-market.ts), plain `ws` clients, per-client conflation on one
 * shared tick of `conflationMs`, and each client's batch in the BFF's wire format — the same text frame socket.io
 * sends for `quotes:updated` (`42["quotes:updated",[quote,…]]`). Each asset's quote is serialised at most once per
 * tick and the batches are joined from those pieces. No session, no auth, no validation, no metrics, no socket.io.
 *
 * A client whose socket still has more than `maxBufferedBytes` queued is skipped for that tick and keeps conflating
 * (the BFF does the same when its transport is not drained).
 *
 * Client protocol: send `{"type":"subscribe","assets":[…]}`; the relay replies `{"type":"subscribed","assets":[…]}`
 * and sends the subscribed quotes on the next tick. `GET /stats` returns the counters.
 *
 * Run as a process: `node --import tsx bench/src/floor-relay.ts --feed-url ws://… [--port 0] [--conflation-ms 50]
 * [--max-buffered 1048576]` (env FEED_TOKEN). Logs one JSON line with `port` when ready.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { WebSocketServer, type WebSocket } from "ws";
import { numFlag, parseFlags, strFlag } from "./common.ts";
import { FloorMarket, type FloorMessage } from "./floor-market.ts";
import { connectUpstream, type UpstreamStats } from "./upstream-link.ts";

export interface FloorRelayOptions {
  feedUrl: string;
  feedToken: string;
  conflationMs: number;
  port?: number;
  maxBufferedBytes?: number;
}

export interface FloorRelayStats {
  clients: number;
  quotesDelivered: number;
  emits: number;
  skippedFlushes: number;
  upstream: UpstreamStats;
}

export interface FloorRelay {
  port: number;
  stats: FloorRelayStats;
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Client {
  ws: WebSocket;
  assets: Set<string>;
  dirty: Set<string>;
}

const FRAME_HEAD = '42["quotes:updated",[';
const FRAME_TAIL = "]]";

export async function startFloorRelay(opts: FloorRelayOptions): Promise<FloorRelay> {
  const maxBuffered = opts.maxBufferedBytes ?? 1 << 20;
  const market = new FloorMarket();
  const clients = new Set<Client>();
  const byAsset = new Map<string, Set<Client>>();
  const upstream = connectUpstream(
    { feedUrl: opts.feedUrl, feedToken: opts.feedToken, name: "floor" },
    (data) => {
      const asset = market.apply(JSON.parse(data.toString()) as FloorMessage, Date.now());
      if (asset === null) return;
      const subs = byAsset.get(asset);
      if (subs) for (const c of subs) c.dirty.add(asset);
    },
  );
  const stats: FloorRelayStats = {
    clients: 0,
    quotesDelivered: 0,
    emits: 0,
    skippedFlushes: 0,
    upstream: upstream.stats,
  };

  const tick = setInterval(() => {
    const pieces = new Map<string, string>();
    for (const c of clients) {
      if (c.dirty.size === 0) continue;
      if (c.ws.bufferedAmount > maxBuffered) {
        stats.skippedFlushes++;
        continue;
      }
      const parts: string[] = [];
      for (const asset of c.dirty) {
        let piece = pieces.get(asset);
        if (piece === undefined) {
          const q = market.quote(asset);
          piece = q ? JSON.stringify(q) : "";
          pieces.set(asset, piece);
        }
        if (piece) parts.push(piece);
      }
      c.dirty.clear();
      if (parts.length === 0) continue;
      c.ws.send(FRAME_HEAD + parts.join(",") + FRAME_TAIL);
      stats.quotesDelivered += parts.length;
      stats.emits++;
    }
  }, opts.conflationMs);

  const http = createServer((req, res) => {
    if (req.url !== "/stats") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on("connection", (ws) => {
    const client: Client = { ws, assets: new Set(), dirty: new Set() };
    clients.add(client);
    stats.clients++;
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
        client.assets.add(a);
        client.dirty.add(a);
        let set = byAsset.get(a);
        if (!set) byAsset.set(a, (set = new Set()));
        set.add(client);
      }
      ws.send(JSON.stringify({ type: "subscribed", assets }));
    });
    ws.on("close", () => {
      clients.delete(client);
      stats.clients--;
      for (const a of client.assets) byAsset.get(a)?.delete(client);
    });
    ws.on("error", () => ws.terminate());
  });

  await new Promise<void>((res) => http.listen(opts.port ?? 0, "127.0.0.1", res));
  return {
    port: (http.address() as AddressInfo).port,
    stats,
    ready: upstream.ready,
    close: async () => {
      clearInterval(tick);
      upstream.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((res) => wss.close(() => res()));
      await new Promise<void>((res) => http.close(() => res()));
    },
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const relay = await startFloorRelay({
    feedUrl: strFlag(flags, "feed-url", process.env.FEED_URL ?? "ws://127.0.0.1:9001/feed/v1"),
    feedToken: process.env.FEED_TOKEN ?? "dev-feed-token",
    conflationMs: numFlag(flags, "conflation-ms", 50),
    port: numFlag(flags, "port", 0),
    maxBufferedBytes: numFlag(flags, "max-buffered", 1 << 20),
  });
  const stop = () => void relay.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  try {
    await relay.ready;
  } catch (err) {
    process.stderr.write(`floor relay: upstream failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ msg: "floor relay ready", port: relay.port })}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
