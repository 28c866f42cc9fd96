/**
 * Micro-benchmark of the BFF's ingest, without sockets or timers: what one upstream message costs from the frame's
 * bytes to the new quote/book/trade values (bff/src/upstream/frame.ts `parseFrame`, then `MarketState.apply`, read
 * as the hub reads it). The frames are recorded from the sim first (seed 1, every asset subscribed, the
 * bench's ≈ 20,000 msgs/s), then replayed in process over several rounds into a fresh market state each round.
 * Reports CPU µs per message for the parse alone and for parse + apply. CPU time, so other work on the machine
 * shows up far less than in an end-to-end run.
 *
 * node --import tsx bench/src/hotpath-ingest.ts [--seconds 4] [--rate 9246] [--rounds 5] [--frames /tmp/frames.json]
 *   [--take-every 1000]
 * (`--frames`: reuse a recording; written there when missing.)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseFrame } from "../../bff/src/upstream/frame.ts";
import { MarketState } from "../../bff/src/upstream/market-state.ts";
import { startService } from "./procs.ts";
import { connectUpstream } from "./upstream-link.ts";

const print = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "4" },
    rate: { type: "string", default: "9246" },
    rounds: { type: "string", default: "5" },
    frames: { type: "string" },
    "take-every": { type: "string", default: "1000" },
  },
});

async function record(seconds: number, rate: number): Promise<string[]> {
  const token = "bench-ingest";
  const sim = await startService(
    "sim",
    "sim/src/main.ts",
    ["--port", "0", "--services-port", "0", "--seed", "1", "--rate", String(rate), "--assets", "100"],
    { FEED_TOKEN: token, SIM_CONTROL_TOKEN: token },
  );
  const frames: string[] = [];
  const link = connectUpstream(
    { feedUrl: `ws://127.0.0.1:${sim.port}/feed/v1`, feedToken: token, name: "ingest" },
    (d) => frames.push(d.toString()),
  );
  try {
    await link.ready;
    await new Promise((r) => setTimeout(r, seconds * 1000));
  } finally {
    link.close();
    await sim.stop();
  }
  return frames;
}

const cpuUs = (t0: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(t0);
  return u.user + u.system;
};

/**
 * One round: a fresh market state holding every asset the frames mention, read as the hub does: trades as they come,
 * the changed quotes and views taken every `takeEvery` messages (the hub's tick: 50 ms at the bench's rate).
 */
function round(buffers: Buffer[], assets: string[], apply: boolean, takeEvery: number): number {
  const market = new MarketState({ maxClockSkewMs: Number.MAX_SAFE_INTEGER });
  for (const a of assets) market.track(a);
  let sink = 0;
  market.onTrade((t) => void (sink += t.receivedAt));
  market.apply({ type: "subscribed", assets, seq: 1, ts: 0 } as never);
  const take = (): void => {
    const { quotes, books } = market.takeChanges();
    for (const q of quotes) sink += q.quote.exchangeTs;
    for (const b of books) sink += b.receivedAt;
  };
  const t0 = process.cpuUsage();
  for (let i = 0; i < buffers.length; i++) {
    const msg = parseFrame(buffers[i]!, false);
    if (msg && apply) market.apply(msg);
    if (apply && i % takeEvery === 0) take();
  }
  const us = cpuUs(t0);
  if (sink === -1) print({ sink });
  return us / buffers.length;
}

async function main(): Promise<void> {
  const path = args.frames;
  const frames =
    path && existsSync(path)
      ? (JSON.parse(readFileSync(path, "utf8")) as string[])
      : await record(Number(args.seconds), Number(args.rate));
  if (path && !existsSync(path)) writeFileSync(path, JSON.stringify(frames));
  const buffers = frames.map((f) => Buffer.from(f));
  const assets = [
    ...new Set(
      frames.flatMap((f) => {
        const m = JSON.parse(f) as { asset?: string; info?: { asset?: string } };
        return m.asset ? [m.asset] : m.info?.asset ? [m.info.asset] : [];
      }),
    ),
  ];
  const takeEvery = Number(args["take-every"]);
  print({ frames: frames.length, assets: assets.length, takeEvery });
  for (let r = 0; r < Number(args.rounds); r++) {
    print({
      round: r,
      parseUsPerMsg: round(buffers, assets, false, takeEvery),
      ingestUsPerMsg: round(buffers, assets, true, takeEvery),
    });
  }
}

await main();
process.exit(0);
