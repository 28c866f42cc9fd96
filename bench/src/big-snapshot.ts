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
import { parseArgs } from "node:util";
import { sleep } from "./common.ts";
import { INSPECT_ARG, inspectorUrl, memoryAfterGc } from "./heap-probe.ts";
import { rssMb, sampleRss } from "./sampler.ts";
import {
  BFF_ENTRY_OPTION,
  assetInfo,
  daily,
  startBffOn,
  startScriptedUpstream,
} from "./scripted-upstream.ts";

const ASSET = "PETR4:B";
const TOKEN = "bench-big-snapshot";
const { values } = parseArgs({
  options: {
    "frame-cap": { type: "string" },
    mb: { type: "string", default: "90" },
    seconds: { type: "string", default: "15" },
    ...BFF_ENTRY_OPTION,
  },
});

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

const info = assetInfo(ASSET, "PETROBRAS PN");
const bar = daily({
  ...{ open: 50000, high: 50010, low: 49990, close: 50000, previousClose: 50000 },
  ...{ maxLimit: 60000, minLimit: 40000 },
});

async function main(): Promise<void> {
  const tail = bigSnapshot(Number(values.mb) * 1e6);
  let snapshotsSent = 0;
  const up = await startScriptedUpstream({
    token: TOKEN,
    server: "big-snapshot/0",
    catalog: [info],
    tickMs: 1000,
    maxPayload: 1 << 20,
    onSubscribe(conn) {
      conn.send({ type: "assetInfo", info });
      conn.send({ type: "tickerState", asset: ASSET, state: 0 });
      conn.send({ type: "daily", asset: ASSET, daily: bar });
      conn.sendRaw(tail);
      snapshotsSent++;
    },
  });
  const frameCap = values["frame-cap"];
  const bff = await startBffOn(up, {
    entry: values["bff-entry"],
    env: frameCap ? { FEED_MAX_FRAME_BYTES: frameCap } : {},
    nodeArgs: [INSPECT_ARG],
  });
  try {
    await sleep(2000);
    const baseline = await rssMb(bff.bff.pid);
    const socket = await bff.browserSocket();
    const ack = socket
      .timeout(20_000)
      .emitWithAck("book:subscribe", { assets: [ASSET] })
      .catch((e: Error) => e);
    const rss = await sampleRss(bff.bff.pid, 100, Number(values.seconds) * 1000);
    const inspector = inspectorUrl(bff.bff.output);
    const gc = inspector ? await memoryAfterGc(inspector) : null;
    const a = (await ack) as { ok?: boolean; data?: { books: Array<{ bids: unknown[] }> } } | Error;
    const book = a instanceof Error ? null : a.data?.books[0];
    const settled = rss.last || baseline;
    process.stdout.write(
      JSON.stringify({
        snapshotMB: Math.round(tail.length / 1e5) / 10,
        frameCap: frameCap ?? "default",
        rssMiB: {
          baseline: Math.round(baseline),
          peak: Math.round(Math.max(baseline, rss.peak)),
          settled: Math.round(settled),
        },
        afterFullGcMiB: gc && { rss: Math.round(gc.rssMb), heapUsed: Math.round(gc.heapUsedMb) },
        upstream: { connections: up.stats.connections, snapshotsSent },
        ack: a instanceof Error ? a.message : { ok: a.ok, bookLevels: book?.bids.length ?? null },
      }) + "\n",
    );
    socket.disconnect();
  } finally {
    await bff.stop();
    up.close();
  }
}

await main();
