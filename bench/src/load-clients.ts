/**
 * One load-generator process (never inside a target or the sim), driven by the orchestrator over IPC; the pool
 * (src/load-pool.ts) runs several and splits the clients between them. It opens its clients in batches, each
 * subscribed to its own assets, and measures every update it gets (latency = now − the tick's exchange time):
 *
 * - `bff`: a minimal socket.io client on plain `ws` (src/raw-socket-io.ts), `quotes:subscribe` with ack, counts the
 *   quotes in `quotes:updated`; latency now − `exchangeTs`, and now − `receivedAt` (BFF receipt → client).
 * - `idle`: socket.io-client handshake only (authenticated, no subscription): the idle-memory measurement.
 * - `floor`: plain `ws` to the floor relay, `{"type":"subscribe"}`, the same `42["quotes:updated",[…]]` frames.
 *
 * bff and floor read the two times of each quote straight out of the frame text (src/quote-scan.ts) and parse a frame
 * in full only when the scan cannot read it: decoding every frame into objects cost the load generator more CPU than
 * the relay under test spent sending it.
 * - `naive`: socket.io-client to the naive relay, `quotes:subscribe`, one `tick` event per upstream message (`ts`).
 *
 * Protocol (parent → child): `start` {config}, `measure-start`, `measure-stop`, `disconnect`.
 * (child → parent): `connected`, `report`, `disconnected`, `error`.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { WebSocket } from "ws";
import type { Quote } from "@pregao/contracts";
import { Histogram, type SerializedHistogram } from "./histogram.ts";
import { QUOTES_FRAME_HEAD, quoteTimes, scanQuoteTimes } from "./quote-scan.ts";
import { RawSocketIo } from "./raw-socket-io.ts";

export type ClientMode = "bff" | "idle" | "floor" | "naive";

export interface LoadConfig {
  mode: ClientMode;
  /** socket.io modes: `http(s)://host:port`; floor: `ws://127.0.0.1:<port>/`. */
  url: string;
  /** Origin and session cookie for the handshake (BFF). */
  headers: Record<string, string>;
  /** PEM of the certificate to trust (through the TLS gateway). */
  ca?: string;
  /** One asset list per client. */
  sets: string[][];
  /** Clients opened at a time. */
  connectBatch: number;
  connectTimeoutMs: number;
  /** Stop opening new clients after this long (an overloaded target must not stretch the run without bound). */
  connectBudgetMs: number;
}

export type ParentMessage =
  | { cmd: "start"; config: LoadConfig }
  | { cmd: "measure-start" }
  | { cmd: "measure-stop" }
  | { cmd: "disconnect" };

export interface LoadReport {
  seconds: number;
  clients: number;
  /** Clients whose socket closed during the measurement. */
  disconnects: number;
  /** Quotes (bff, floor) or ticks (naive). */
  updates: number;
  /** Socket messages: events or frames. */
  messages: number;
  /** Updates per client over the window. */
  perClient: { min: number; max: number; sum: number; n: number };
  latency: SerializedHistogram;
  /** BFF and floor: now − receivedAt (time inside the relay and on the socket). */
  relayLatency: SerializedHistogram;
  /** Event-loop delay of this process (ms): a saturated client inflates every latency. */
  loopDelay: { p50: number; p99: number; max: number };
}

export type ChildMessage =
  | { evt: "connected"; connected: number; failed: number; ms: number; errors: string[] }
  | { evt: "report"; report: LoadReport }
  | { evt: "disconnected" }
  | { evt: "error"; message: string };

interface Client {
  close(): void;
  updates: number;
  closed: boolean;
}

type Opener = (config: LoadConfig, assets: string[]) => Promise<Client>;

const send = (m: ChildMessage) => process.send?.(m);

let measuring = false;
let windowStart = 0;
const latency = new Histogram();
const relayLatency = new Histogram();
let updates = 0;
let messages = 0;
let disconnects = 0;
const clients: Client[] = [];
const loop = monitorEventLoopDelay({ resolution: 10 });

const scanned = quoteTimes();

/** A `quotes:updated` frame's text (bff, floor): scanned for its times, parsed in full only if the scan cannot. */
function onQuotesFrame(client: Client, text: string): void {
  if (!measuring) return;
  if (!scanQuoteTimes(text, scanned)) {
    const [, quotes] = JSON.parse(text.slice(2)) as [string, Quote[]];
    scanned.count = quotes.length;
    quotes.forEach((q, i) => {
      scanned.exchangeTs[i] = q.exchangeTs;
      scanned.receivedAt[i] = q.receivedAt;
    });
  }
  const now = Date.now();
  messages++;
  updates += scanned.count;
  client.updates += scanned.count;
  for (let i = 0; i < scanned.count; i++) {
    latency.recordMs(now - scanned.exchangeTs[i]!);
    relayLatency.recordMs(now - scanned.receivedAt[i]!);
  }
}

function newClient(close: () => void): Client {
  return { updates: 0, closed: false, close };
}

function markClosed(client: Client): void {
  if (!client.closed && measuring) disconnects++;
  client.closed = true;
}

/** bff: the minimal socket.io client, subscribed to its assets. */
const openBff: Opener = async (config, assets) => {
  const socket = new RawSocketIo({
    url: config.url,
    headers: config.headers,
    timeoutMs: config.connectTimeoutMs,
    ...(config.ca ? { ca: config.ca } : {}),
  });
  const client = newClient(() => socket.close());
  socket.onClose = () => markClosed(client);
  socket.onEvent = (text) => {
    if (text.startsWith(QUOTES_FRAME_HEAD)) onQuotesFrame(client, text);
  };
  try {
    await socket.connected;
    const ack = (await socket.emitWithAck("quotes:subscribe", { assets }, config.connectTimeoutMs)) as {
      ok: boolean;
      error?: { code: string };
    };
    if (!ack.ok) throw new Error(`subscribe refused: ${ack.error?.code ?? "?"}`);
    return client;
  } catch (e) {
    socket.close();
    throw e;
  }
};

/** socket.io-client modes: idle (handshake only), naive (ticks). */
const openSocketIo: Opener = (config, assets) =>
  new Promise((resolve, reject) => {
    const socket: Socket = io(config.url, {
      transports: ["websocket"],
      extraHeaders: config.headers,
      forceNew: true,
      reconnection: false,
      timeout: config.connectTimeoutMs,
      ...(config.ca ? { ca: config.ca } : {}),
    });
    const client = newClient(() => socket.disconnect());
    const fail = (e: Error) => {
      socket.disconnect();
      reject(e);
    };
    socket.on("connect_error", fail);
    socket.on("disconnect", () => markClosed(client));
    if (config.mode === "naive")
      socket.on("tick", (msg: { ts: number }) => {
        if (!measuring) return;
        messages++;
        updates++;
        client.updates++;
        latency.recordMs(Date.now() - msg.ts);
      });
    socket.on("connect", () => {
      if (config.mode === "idle") return resolve(client);
      socket
        .timeout(config.connectTimeoutMs)
        .emit(
          "quotes:subscribe",
          { assets },
          (err: Error | null, ack: { ok: boolean; error?: { code: string } }) => {
            if (err) fail(new Error("subscribe ack timeout"));
            else if (!ack.ok) fail(new Error(`subscribe refused: ${ack.error?.code ?? "?"}`));
            else resolve(client);
          },
        );
    });
  });

const openFloor: Opener = (config, assets) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(config.url, { perMessageDeflate: false });
    const client = newClient(() => ws.close());
    let subscribed = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error("subscribe timeout"));
    }, config.connectTimeoutMs);
    ws.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    ws.on("close", () => markClosed(client));
    ws.on("open", () => ws.send(JSON.stringify({ type: "subscribe", assets })));
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      if (!subscribed) {
        if (!text.includes('"type":"subscribed"')) return;
        subscribed = true;
        clearTimeout(timer);
        return resolve(client);
      }
      if (text.startsWith(QUOTES_FRAME_HEAD)) onQuotesFrame(client, text);
    });
  });

async function start(config: LoadConfig): Promise<void> {
  const t0 = performance.now();
  let failed = 0;
  const errors = new Set<string>();
  const open = config.mode === "floor" ? openFloor : config.mode === "bff" ? openBff : openSocketIo;
  for (let i = 0; i < config.sets.length; i += config.connectBatch) {
    if (performance.now() - t0 > config.connectBudgetMs) {
      failed += config.sets.length - i;
      errors.add(`connect budget of ${config.connectBudgetMs / 1000} s exhausted`);
      break;
    }
    const batch = config.sets.slice(i, i + config.connectBatch);
    const results = await Promise.allSettled(batch.map((assets) => open(config, assets)));
    for (const r of results) {
      if (r.status === "fulfilled") clients.push(r.value);
      else {
        failed++;
        if (errors.size < 5) errors.add(String((r.reason as Error)?.message ?? r.reason));
      }
    }
  }
  send({
    evt: "connected",
    connected: clients.length,
    failed,
    ms: performance.now() - t0,
    errors: [...errors],
  });
}

function measureStart(): void {
  latency.reset();
  relayLatency.reset();
  updates = 0;
  messages = 0;
  disconnects = 0;
  for (const c of clients) c.updates = 0;
  loop.reset();
  loop.enable();
  windowStart = performance.now();
  measuring = true;
}

function measureStop(): LoadReport {
  measuring = false;
  loop.disable();
  const per = clients.map((c) => c.updates);
  const ns = (v: number) => (Number.isFinite(v) ? v / 1e6 : Number.NaN);
  return {
    seconds: (performance.now() - windowStart) / 1000,
    clients: clients.length,
    disconnects,
    updates,
    messages,
    perClient: {
      min: per.length ? Math.min(...per) : 0,
      max: per.length ? Math.max(...per) : 0,
      sum: per.reduce((a, b) => a + b, 0),
      n: per.length,
    },
    latency: latency.serialize(),
    relayLatency: relayLatency.serialize(),
    loopDelay: { p50: ns(loop.percentile(50)), p99: ns(loop.percentile(99)), max: ns(loop.max) },
  };
}

process.on("message", (m: ParentMessage) => {
  switch (m.cmd) {
    case "start":
      start(m.config).catch((e: Error) => send({ evt: "error", message: e.message }));
      break;
    case "measure-start":
      measureStart();
      break;
    case "measure-stop":
      send({ evt: "report", report: measureStop() });
      break;
    case "disconnect":
      for (const c of clients) {
        c.closed = true;
        c.close();
      }
      send({ evt: "disconnected" });
      setTimeout(() => process.exit(0), 300);
      break;
  }
});
process.on("disconnect", () => process.exit(0));
