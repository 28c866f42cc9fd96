/**
 * Hot-path micro-benchmark of the BFF's market-data fan-out: the real RealtimeHub (one subscription record,
 * ClientConflator batches) behind a real socket.io server, N real socket.io-client clients in a child process, and a
 * synthetic market emitting new Quote values at a fixed rate. Measures the server process's CPU per delivered update
 * and the client-side latency, for one variant per run, so each hot-path idea can be compared before/after on the same
 * machine with the same load:
 *
 *   --encode plain|shared     socket.io's default JSON encoder, or one that serialises each shared value once per tick
 *   --deflate off|on          permessage-deflate on the WebSocket (socket.io's option; the BFF sets it off)
 *   --write direct|engine     the BFF's SocketTransport (a batch goes straight to the websocket when nothing is queued
 *                             in engine.io), or every batch through socket.emit and engine.io's write path
 *   --idle N                  instead of load: N idle sockets, heap/RSS per socket after a forced GC
 *   --release off|on          with --idle: the BFF's releases after connect (realtime/handshake-release.ts: the
 *                             upgrade request and the handshake's copies; realtime/own-room.ts: the own-id room)
 *
 * (One flush timer per client, the alternative to the hub's shared tick, was measured here on 3 December: see
 * docs/performance.md. It is gone: the tick also takes the market's changes, once for all clients.)
 *
 * node --expose-gc --import tsx bench/src/hotpath-fanout.ts --clients 300 --rate 20000 --duration 10
 * Only loopback; bounded by --duration (plus a 180 s hard stop).
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Server } from "socket.io";
import { io } from "socket.io-client";
import type { Quote } from "@pregao/contracts";
import { RealtimeHub, type HubFeed } from "../../bff/src/realtime/hub.ts";
import {
  releaseHandshakeCopies,
  releaseUpgradeErrorListener,
  releaseUpgradeResponse,
} from "../../bff/src/realtime/handshake-release.ts";
import { leaveOwnRoom } from "../../bff/src/realtime/own-room.ts";
import { sharedJsonParser } from "../../bff/src/realtime/shared-json-parser.ts";
import type { PregaoSocket } from "../../bff/src/realtime/socket-events.ts";
import { SocketTransport } from "../../bff/src/realtime/socket-transport.ts";
import type { MarketChanges, QuoteChange } from "../../bff/src/upstream/market-state.ts";

/** One JSON line per result on stdout. */
const print = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

const { values: args } = parseArgs({
  options: {
    role: { type: "string", default: "server" },
    clients: { type: "string", default: "300" },
    assets: { type: "string", default: "100" },
    "per-client": { type: "string", default: "20" },
    rate: { type: "string", default: "20000" },
    "conflation-ms": { type: "string", default: "50" },
    warmup: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    encode: { type: "string", default: "plain" },
    deflate: { type: "string", default: "off" },
    write: { type: "string", default: "direct" },
    idle: { type: "string", default: "0" },
    release: { type: "string", default: "off" },
    url: { type: "string", default: "" },
  },
});
const num = (k: keyof typeof args) => Number(args[k]);

/** The market as the hub reads it: the newest quote per asset since the last take, and how many changes it stands for. */
function quoteMarket() {
  const pending = new Map<string, QuoteChange>();
  return {
    offer(quote: Quote): void {
      const p = pending.get(quote.asset);
      if (!p) return void pending.set(quote.asset, { quote, offered: 1 });
      p.quote = quote;
      p.offered++;
    },
    market: {
      takeChanges: (): MarketChanges => {
        const quotes = [...pending.values()];
        pending.clear();
        return { quotes, books: [] };
      },
      // No trades in this run.
      onTrade: () => ({ dispose: () => undefined }),
    },
  };
}

// ---------------------------------------------------------------- clients (child process)
async function runClients(): Promise<void> {
  const n = num("clients");
  let updates = 0;
  let events = 0;
  let lat: number[] = [];
  const sockets: Array<ReturnType<typeof io>> = [];
  for (let i = 0; i < n; i++) {
    const s = io(args.url, { transports: ["websocket"], reconnection: false, forceNew: true });
    s.on("quotes:updated", (qs: Quote[]) => {
      const now = Date.now();
      events++;
      updates += qs.length;
      for (const q of qs) if (lat.length < 200_000) lat.push(now - q.receivedAt);
    });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });
  }
  process.send!({ type: "connected" });
  process.on("message", (m: { type: string }) => {
    if (m.type === "reset") {
      updates = 0;
      events = 0;
      lat = [];
      process.send!({ type: "reset", cpu: process.cpuUsage() });
    } else if (m.type === "report") {
      lat.sort((a, b) => a - b);
      const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN;
      process.send!({
        type: "report",
        updates,
        events,
        p50: pct(50),
        p99: pct(99),
        cpu: process.cpuUsage(),
      });
    } else if (m.type === "exit") {
      for (const s of sockets) s.disconnect();
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---------------------------------------------------------------- server (this process)
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

const ask = <T>(child: ChildProcess, type: string): Promise<T> =>
  new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off("message", on);
      resolve(m as T);
    };
    child.on("message", on);
    child.send({ type });
  });

async function listen(http: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

function startClients(url: string, clients: number): { child: ChildProcess; connected: Promise<void> } {
  const child = fork(
    fileURLToPath(import.meta.url),
    ["--role", "clients", "--url", url, "--clients", `${clients}`],
    {
      execArgv: ["--import", "tsx"],
    },
  );
  const connected = new Promise<void>((resolve) =>
    child.on("message", (m: { type: string }) => m.type === "connected" && resolve()),
  );
  return { child, connected };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function runIdle(): Promise<void> {
  const n = num("idle");
  const http = createServer();
  const io = new Server(http, { perMessageDeflate: false, transports: ["websocket"] });
  const release = args.release === "on";
  // Where the BFF puts them (socket-server.ts): the engine middleware first, the rest after every other listener.
  if (release) releaseUpgradeResponse(io);
  io.on("connection", (socket) => socket.on("noop", () => undefined));
  if (release) {
    releaseHandshakeCopies(io);
    releaseUpgradeErrorListener(io);
    leaveOwnRoom(io);
  }
  const url = await listen(http);
  gc();
  const before = process.memoryUsage();
  const { child, connected } = startClients(url, n);
  await connected;
  await new Promise((r) => setTimeout(r, 1000));
  gc();
  gc();
  const after = process.memoryUsage();
  const perSocket = (k: "heapUsed" | "rss" | "external") => Math.round((after[k] - before[k]) / n);
  print({
    bench: "hotpath-fanout idle",
    sockets: io.of("/").sockets.size,
    release: args.release,
    heapPerSocketBytes: perSocket("heapUsed"),
    rssPerSocketBytes: perSocket("rss"),
    externalPerSocketBytes: perSocket("external"),
  });
  child.send({ type: "exit" });
  io.close();
  setTimeout(() => process.exit(0), 500);
}

async function runLoad(): Promise<void> {
  const clients = num("clients");
  const assetCount = num("assets");
  const perClient = num("per-client");
  const conflationMs = num("conflation-ms");
  const assets = Array.from({ length: assetCount }, (_, i) => `A${String(i).padStart(3, "0")}:B`);
  const quotes = quoteMarket();
  const feed: HubFeed = {
    market: quotes.market,
    subscriptions: { acquire: () => [], release: () => undefined },
  };
  const hub = new RealtimeHub(feed, { conflationMs, tradeCap: 100 });
  const http = createServer();
  const io = new Server(http, {
    transports: ["websocket"],
    perMessageDeflate: args.deflate === "on" ? { threshold: 0 } : false,
    ...(args.encode === "shared" ? { parser: sharedJsonParser(["quotes:updated", "book:updated"]) } : {}),
  });
  let index = 0;
  io.on("connection", (socket) => {
    const transport = new SocketTransport(socket as unknown as PregaoSocket);
    const sub = hub.add(
      socket.id,
      args.write === "engine"
        ? { emit: (event, ...a) => socket.emit(event, ...a), drained: () => transport.drained() }
        : transport,
    );
    const i = index++;
    hub.subscribe(
      sub,
      "quotes",
      Array.from({ length: perClient }, (_, k) => assets[(i + k * 5) % assetCount]!),
    );
    socket.on("disconnect", () => hub.remove(socket.id));
  });
  const url = await listen(http);
  // The market: every 10 ms, as many new quote values as the rate owes since the start (a late timer catches up, so
  // the offered load does not depend on how busy the machine is), spread over the assets.
  const rate = num("rate");
  let a = 0;
  let price = 30;
  let emitted = 0;
  const started = performance.now();
  const market = setInterval(() => {
    const now = Date.now();
    const owed = Math.floor(((performance.now() - started) / 1000) * rate) - emitted;
    for (let k = 0; k < owed; k++) {
      price = price > 40 ? 30 : price + 0.01;
      quotes.offer(quoteOf(assets[a]!, Number(price.toFixed(2)), now));
      a = (a + 7) % assetCount;
    }
    emitted += Math.max(0, owed);
  }, 10);
  const { child, connected } = startClients(url, clients);
  await connected;
  await new Promise((r) => setTimeout(r, num("warmup") * 1000));
  const reset = await ask<{ cpu: NodeJS.CpuUsage }>(child, "reset");
  const t0 = hub.totals();
  const emitted0 = emitted;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await new Promise((r) => setTimeout(r, num("duration") * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - wall0) / 1000;
  const t1 = hub.totals();
  const report = await ask<{
    updates: number;
    events: number;
    p50: number;
    p99: number;
    cpu: NodeJS.CpuUsage;
  }>(child, "report");
  const serverUs = cpu.user + cpu.system;
  const delivered = t1.quotesDelivered - t0.quotesDelivered;
  const clientUs = report.cpu.user + report.cpu.system - (reset.cpu.user + reset.cpu.system);
  print({
    bench: "hotpath-fanout load",
    variant: { encode: args.encode, deflate: args.deflate, write: args.write },
    clients: io.of("/").sockets.size,
    quoteChangesPerS: Math.round((emitted - emitted0) / wallS),
    offeredPerS: Math.round((t1.quotesOffered - t0.quotesOffered) / wallS),
    deliveredPerS: Math.round(delivered / wallS),
    emitsPerS: Math.round((t1.emits - t0.emits) / wallS),
    flushesPerClientPerS: Math.round(((t1.emits - t0.emits) / wallS / clients) * 10) / 10,
    skippedFlushes: t1.skippedFlushes - t0.skippedFlushes,
    serverCpuPct: Math.round((serverUs / 1e6 / wallS) * 1000) / 10,
    serverCpuUsPerUpdate: Math.round((serverUs / delivered) * 100) / 100,
    clientCpuPct: Math.round((clientUs / 1e6 / wallS) * 1000) / 10,
    clientUpdatesPerS: Math.round(report.updates / wallS),
    latencyMs: { p50: report.p50, p99: report.p99 },
  });
  clearInterval(market);
  child.send({ type: "exit" });
  hub.dispose();
  io.close();
  setTimeout(() => process.exit(0), 500);
}

setTimeout(() => {
  console.error("hotpath-fanout: hard stop after 180 s");
  process.exit(2);
}, 180_000).unref();
if (args.role === "clients") void runClients();
else if (num("idle") > 0) void runIdle();
else void runLoad();
