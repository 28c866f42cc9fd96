/**
 * The NAIVE baseline: the socket.io relay most tutorials write. One upstream feed connection (all assets); a client
 * emits `quotes:subscribe` `{assets}` and joins one room per asset; every upstream message is parsed and emitted as
 * it comes, one `tick` event per message to the asset's room. No conflation, no batching, no auth, no backpressure.
 *
 * Run as a process: `node --import tsx bench/src/naive-relay.ts --feed-url ws://… [--port 0]` (env FEED_TOKEN). Logs
 * one JSON line with `port` when ready. `GET /stats` returns the counters.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { Server } from "socket.io";
import { numFlag, parseFlags, strFlag } from "./common.ts";
import { connectUpstream, type UpstreamStats } from "./upstream-link.ts";

export interface NaiveRelay {
  port: number;
  stats: { clients: number; emits: number; upstream: UpstreamStats };
  ready: Promise<void>;
  close(): Promise<void>;
}

export async function startNaiveRelay(opts: {
  feedUrl: string;
  feedToken: string;
  port?: number;
}): Promise<NaiveRelay> {
  const http = createServer((req, res) => {
    if (req.url !== "/stats") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
  });
  const io = new Server(http);
  const upstream = connectUpstream(
    { feedUrl: opts.feedUrl, feedToken: opts.feedToken, name: "naive" },
    (data) => {
      const msg = JSON.parse(data.toString()) as { asset?: string };
      if (!msg.asset) return;
      io.to(msg.asset).emit("tick", msg);
      stats.emits++;
    },
  );
  const stats = { clients: 0, emits: 0, upstream: upstream.stats };
  io.on("connection", (socket) => {
    stats.clients++;
    socket.on("quotes:subscribe", (payload: { assets?: unknown }, ack?: (r: unknown) => void) => {
      const assets = Array.isArray(payload?.assets)
        ? payload.assets.filter((a): a is string => typeof a === "string")
        : [];
      void socket.join(assets);
      ack?.({ ok: true, data: { assets } });
    });
    socket.on("disconnect", () => stats.clients--);
  });
  await new Promise<void>((res) => http.listen(opts.port ?? 0, "127.0.0.1", res));
  return {
    port: (http.address() as AddressInfo).port,
    stats,
    ready: upstream.ready,
    close: async () => {
      upstream.close();
      await io.close();
    },
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const relay = await startNaiveRelay({
    feedUrl: strFlag(flags, "feed-url", process.env.FEED_URL ?? "ws://127.0.0.1:9001/feed/v1"),
    feedToken: process.env.FEED_TOKEN ?? "dev-feed-token",
    port: numFlag(flags, "port", 0),
  });
  const stop = () => void relay.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  try {
    await relay.ready;
  } catch (err) {
    process.stderr.write(`naive relay: upstream failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ msg: "naive relay ready", port: relay.port })}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
