/**
 * Micro-benchmark of one flush tick's serialisation, without sockets or timers (so other work on the machine shows up
 * far less than in an end-to-end run): C clients each get a `quotes:updated` batch of K quotes out of A assets, the
 * quotes being new objects every tick (as MarketState makes them), encoded by socket.io's default parser or by the
 * shared-JSON parser (bff/src/realtime/shared-json-parser.ts). Reports CPU µs per tick, per client batch and per quote,
 * alternating the two encoders over several rounds; then what permessage-deflate would add: CPU µs to deflate one
 * client batch (zlib's default level, as `ws` uses) and the bytes saved.
 *
 * node --import tsx bench/src/hotpath-encode.ts --clients 500 --per-client 20 --assets 100 --ticks 200 --rounds 5
 */
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { deflateRawSync } from "node:zlib";
import type { Quote } from "@pregao/contracts";
import { sharedJsonParser } from "../../bff/src/realtime/shared-json-parser.ts";

/** One JSON line per result on stdout. */
const print = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "500" },
    "per-client": { type: "string", default: "20" },
    assets: { type: "string", default: "100" },
    ticks: { type: "string", default: "200" },
    rounds: { type: "string", default: "5" },
  },
});
const clients = Number(args.clients);
const perClient = Number(args["per-client"]);
const assetCount = Number(args.assets);
const ticks = Number(args.ticks);
const rounds = Number(args.rounds);

interface Encoder {
  encode(packet: object): unknown[];
}
const socketIo = createRequire(import.meta.resolve("../../bff/src/realtime/shared-json-parser.ts"));
const defaultParser = createRequire(socketIo.resolve("socket.io"))("socket.io-parser") as {
  Encoder: new () => Encoder;
};

const assets = Array.from({ length: assetCount }, (_, i) => `A${String(i).padStart(3, "0")}:B`);
const holdings = Array.from({ length: clients }, (_, i) =>
  Array.from({ length: perClient }, (_, k) => (i + k * 5) % assetCount),
);

function quoteOf(asset: string, last: number, now: number): Quote {
  return {
    asset,
    last,
    previousClose: 30,
    change: Number((last - 30).toFixed(8)),
    changePct: Number((((last - 30) / 30) * 100).toFixed(4)),
    open: 30.1,
    high: 31.2,
    low: 29.8,
    bid: last - 0.01,
    bidQty: 1200,
    ask: last + 0.01,
    askQty: 800,
    volume: 152_300_000,
    quantity: 4_000_000,
    trades: 10_432,
    lastTradeAt: now - 3,
    tickerState: 0,
    exchangeTs: now - 2,
    receivedAt: now,
    syncId: 1_764_777_000_000,
  };
}

/** CPU µs for `ticks` ticks: new quotes for every asset, then one batch per client through `encoder`. */
function run(encoder: Encoder): { perTickUs: number; bytes: number } {
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  for (let t = 0; t < ticks; t++) {
    const now = Date.now();
    const fresh = assets.map((a, i) => quoteOf(a, 30 + ((t + i) % 100) / 100, now));
    for (const held of holdings) {
      const batch = held.map((i) => fresh[i]!);
      const [out] = encoder.encode({ type: 2, nsp: "/", data: ["quotes:updated", batch] });
      bytes += (out as string).length;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  return { perTickUs: (cpu.user + cpu.system) / ticks, bytes };
}

const plain = new defaultParser.Encoder();
const shared = new (sharedJsonParser(["quotes:updated"]).Encoder)() as Encoder;
run(plain); // warm-up (JIT) for both
run(shared);
const rows: Array<{ encoder: string; perTickUs: number }> = [];
for (let r = 0; r < rounds; r++)
  for (const [name, enc] of [
    ["plain", plain],
    ["shared", shared],
  ] as const) {
    const { perTickUs, bytes } = run(enc);
    rows.push({ encoder: name, perTickUs });
    if (r === 0) console.error(`${name}: ${bytes} bytes over ${ticks} ticks`);
  }
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const name of ["plain", "shared"]) {
  const perTick = median(rows.filter((r) => r.encoder === name).map((r) => r.perTickUs));
  print({
    bench: "hotpath-encode",
    encoder: name,
    clients,
    perClient,
    assets: assetCount,
    medianOf: rounds,
    cpuUsPerTick: Math.round(perTick),
    cpuUsPerClientBatch: Math.round((perTick / clients) * 100) / 100,
    cpuNsPerQuote: Math.round((perTick / (clients * perClient)) * 1000),
  });
}

// What compression would add per client batch (permessage-deflate compresses every frame of every client).
const sample = new (sharedJsonParser(["quotes:updated"]).Encoder)() as Encoder;
const now = Date.now();
const fresh = assets.map((a, i) => quoteOf(a, 30 + i / 100, now));
const frames = holdings.map(
  (held) =>
    sample.encode({ type: 2, nsp: "/", data: ["quotes:updated", held.map((i) => fresh[i]!)] })[0] as string,
);
let raw = 0;
let packed = 0;
const cpu0 = process.cpuUsage();
for (let r = 0; r < 5; r++)
  for (const f of frames) {
    raw += f.length;
    packed += deflateRawSync(f).length;
  }
const cpu = process.cpuUsage(cpu0);
print({
  bench: "hotpath-encode deflate",
  clients,
  perClient,
  cpuUsPerClientBatch: Math.round(((cpu.user + cpu.system) / (5 * frames.length)) * 100) / 100,
  bytesPerBatch: Math.round(raw / (5 * frames.length)),
  deflatedBytesPerBatch: Math.round(packed / (5 * frames.length)),
});
