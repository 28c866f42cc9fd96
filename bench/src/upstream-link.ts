/**
 * The bench relays' upstream: one feed connection subscribed to every asset the sim lists (hello → listAssets →
 * subscribe). A consumer that falls behind is cut by the producer (close 1013 "slow consumer"); like any feed consumer
 * the link then reconnects and re-subscribes, and counts the cut. Frames after the subscription go to `onFrame` as
 * they came (Buffer), so each relay decides how much to parse.
 */
import { WebSocket } from "ws";

export interface UpstreamStats {
  frames: number;
  assets: number;
  ready: boolean;
  /** Times the producer cut the link and it reconnected. */
  cuts: number;
  lastClose: string | null;
}

export interface UpstreamLink {
  stats: UpstreamStats;
  /** Resolves once the first subscription is confirmed; rejects when the first connection fails. */
  ready: Promise<void>;
  close(): void;
}

export function connectUpstream(
  opts: { feedUrl: string; feedToken: string; name: string },
  onFrame: (data: Buffer) => void,
): UpstreamLink {
  const stats: UpstreamStats = { frames: 0, assets: 0, ready: false, cuts: 0, lastClose: null };
  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => undefined);
  let everReady = false;
  let closing = false;
  let ws: WebSocket;

  const connect = () => {
    ws = new WebSocket(opts.feedUrl, {
      headers: { authorization: `Bearer ${opts.feedToken}` },
      perMessageDeflate: false,
    });
    const link = ws;
    link.on("error", (e) => {
      if (!everReady) rejectReady(e);
    });
    link.on("close", (code, reason) => {
      stats.ready = false;
      if (closing) return;
      if (!everReady) return rejectReady(new Error(`upstream closed (${code})`));
      stats.cuts++;
      stats.lastClose = `${code} ${reason.toString()}`.trim();
      process.stderr.write(`${opts.name}: upstream closed (${stats.lastClose}); reconnecting\n`);
      setTimeout(connect, 250).unref();
    });
    link.on("message", (data: Buffer, isBinary) => {
      stats.frames++;
      if (isBinary) return;
      if (stats.ready) return onFrame(data);
      // Control messages are parsed only until the subscription is confirmed.
      const msg = JSON.parse(data.toString()) as { type: string; assets?: ({ asset: string } | string)[] };
      if (msg.type === "hello") link.send(JSON.stringify({ type: "listAssets", reqId: `${opts.name}-list` }));
      else if (msg.type === "assetList") {
        const all = (msg.assets ?? []).map((a) => (typeof a === "string" ? a : a.asset));
        stats.assets = all.length;
        for (let i = 0; i < all.length; i += 500)
          link.send(
            JSON.stringify({
              type: "subscribe",
              reqId: `${opts.name}-sub-${i}`,
              assets: all.slice(i, i + 500),
            }),
          );
      } else if (msg.type === "subscribed") {
        stats.ready = true;
        everReady = true;
        resolveReady();
      } else onFrame(data); // snapshots arrive before `subscribed`
    });
  };
  connect();
  return {
    stats,
    ready,
    close: () => {
      closing = true;
      ws.terminate();
    },
  };
}
