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
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { sleep } from "./common.ts";
import { rssMb, sampleRss } from "./sampler.ts";
import {
  BFF_ENTRY_OPTION,
  assetInfo,
  daily,
  startBffOn,
  startScriptedUpstream,
  type ScriptedUpstream,
} from "./scripted-upstream.ts";

const TOKEN = "bench-hostile";
const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "gaps" },
    seconds: { type: "string", default: "20" },
    rate: { type: "string", default: "20000" },
    assets: { type: "string", default: "20" },
    ...BFF_ENTRY_OPTION,
  },
});
const assets = Array.from({ length: Number(values.assets) }, (_, i) => `AS${String(i).padStart(2, "0")}3:B`);

/** Every 100 ms a daily for every asset, its close walking 10.00 → 11.00; a subscribe gets info, daily and a book. */
async function startHostileUpstream(swallowFirst: boolean) {
  let close = 10;
  let swallowed = 0;
  const up = await startScriptedUpstream({
    token: TOKEN,
    server: "hostile/0",
    catalog: assets.map((a) => assetInfo(a)),
    tickMs: 100,
    onTick(conn) {
      close = close >= 11 ? 10 : Math.round((close + 0.01) * 100) / 100;
      for (const asset of assets) conn.send({ type: "daily", asset, daily: daily({ close }) });
    },
    onSubscribe(conn, subscribed) {
      if (swallowFirst && swallowed === 0) {
        swallowed++;
        return false;
      }
      for (const asset of subscribed) {
        conn.send({ type: "assetInfo", info: assetInfo(asset) });
        conn.send({ type: "daily", asset, daily: daily({ close }) });
        conn.send({
          type: "bookSnapshot",
          asset,
          bids: [{ price: 9.99, quantity: 100, count: 1 }],
          asks: [],
        });
      }
    },
  });
  return { up, swallowed: () => swallowed };
}

async function main(): Promise<void> {
  const { up, swallowed } = await startHostileUpstream(values.mode === "drop");
  const bff = await startBffOn(up, { entry: values["bff-entry"] });
  let logLines = 0;
  createInterface({ input: bff.bff.child.stdout! }).on("line", () => logLines++);
  try {
    await sleep(1500);
    const socket = await bff.browserSocket();
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
      // unref: the 30 s bound must not keep the process alive once quotes arrived
      const timeout = new Promise<null>((r) => setTimeout(() => r(null), 30_000).unref());
      const ms = await Promise.race([firstQuote, timeout]);
      const result = {
        mode: "drop",
        snapshotQuotes: ack.data?.quotes.length ?? 0,
        msToQuotes: ms,
        upstream: { ...up.stats, swallowed: swallowed() },
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else await gaps(bff.bff.pid, up, () => logLines);
    socket.disconnect();
  } finally {
    await bff.stop();
    up.close();
  }
}

/** The upstream stops reading and floods gaps (every 50 ms) while RSS is sampled every 250 ms. */
async function gaps(pid: number, up: ScriptedUpstream, lines: () => number): Promise<void> {
  await sleep(1000);
  const start = await rssMb(pid);
  const linesBefore = lines();
  const subscribesBefore = up.stats.subscribes;
  const connectionsBefore = up.stats.connections;
  (up.current!.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const perTick = Math.round(Number(values.rate) / 20);
  const forMs = Number(values.seconds) * 1000;
  let sent = 0;
  const flood = async () => {
    const until = Date.now() + forMs;
    while (Date.now() < until) {
      const cur = up.current!;
      if (cur.ws.readyState === cur.ws.OPEN) {
        for (let i = 0; i < perTick; i++) cur.send({ type: "heartbeat" }, 1);
        sent += perTick;
      }
      await sleep(50);
    }
  };
  const [rss] = await Promise.all([sampleRss(pid, 250, forMs), flood()]);
  await sleep(2000);
  const end = await rssMb(pid);
  const result = {
    mode: "gaps",
    seconds: Number(values.seconds),
    gapsSent: sent,
    rssMiB: {
      start: Math.round(start),
      peak: Math.round(Math.max(start, rss.peak, end)),
      end: Math.round(end),
    },
    logLines: lines() - linesBefore,
    upstream: {
      subscribesReceived: up.stats.subscribes - subscribesBefore,
      reconnects: up.stats.connections - connectionsBefore,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
