/**
 * The load generator, run as its own process (never inside the BFF or the sim) and driven by the orchestrator over
 * IPC. It opens N clients in batches, each subscribed to its own list of assets, and measures every update it gets:
 *
 * - `bff` mode: socket.io-client (websocket transport only), `quotes:subscribe` with ack, counts `quotes:updated`
 *   quotes; latency = now − `exchangeTs` (sim generation → client) and now − `receivedAt` (BFF receipt → client).
 * - `raw` mode: plain `ws` to the raw relay, `{"type":"subscribe"}`, counts frames; latency = now − `ts`.
 *
 * Protocol (parent → child): `start` {config}, `measure-start`, `measure-stop`, `disconnect`.
 * (child → parent): `connected`, `report`, `disconnected`, `error`.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { WebSocket } from "ws";
import type { ClientToServerEvents, Quote, ServerToClientEvents } from "@pregao/contracts";
import { readTs } from "./common.ts";
import { Histogram, type SerializedHistogram } from "./histogram.ts";

export type ClientMode = "bff" | "raw";

export interface LoadConfig {
  mode: ClientMode;
  /** bff: `http://127.0.0.1:<port>`; raw: `ws://127.0.0.1:<port>/`. */
  url: string;
  /** bff: Origin and session cookie for the handshake. */
  headers: Record<string, string>;
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
  mode: ClientMode;
  seconds: number;
  clients: number;
  /** Clients whose socket closed during the measurement. */
  disconnects: number;
  /** Updates: quotes (bff) or frames (raw). */
  updates: number;
  /** socket.io events (bff) or frames (raw). */
  messages: number;
  perClient: { min: number; max: number; mean: number };
  latency: SerializedHistogram;
  /** bff only: now − receivedAt. */
  bffLatency?: SerializedHistogram;
  /** Event-loop delay of the load process itself (ms): a saturated client inflates every latency. */
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

const send = (m: ChildMessage) => process.send?.(m);

let measuring = false;
let windowStart = 0;
const latency = new Histogram();
const bffLatency = new Histogram();
let updates = 0;
let messages = 0;
let disconnects = 0;
const clients: Client[] = [];
const loop = monitorEventLoopDelay({ resolution: 10 });
let mode: ClientMode = "raw";

function openBff(
  url: string,
  assets: string[],
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ["websocket"],
      extraHeaders: headers,
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
    });
    const client: Client = { updates: 0, closed: false, close: () => socket.disconnect() };
    const fail = (e: Error) => {
      socket.disconnect();
      reject(e);
    };
    socket.on("connect_error", fail);
    socket.on("disconnect", () => {
      if (!client.closed && measuring) disconnects++;
      client.closed = true;
    });
    socket.on("quotes:updated", (quotes: Quote[]) => {
      if (!measuring) return;
      const now = Date.now();
      messages++;
      updates += quotes.length;
      client.updates += quotes.length;
      for (const q of quotes) {
        latency.recordMs(now - q.exchangeTs);
        bffLatency.recordMs(now - q.receivedAt);
      }
    });
    socket.on("connect", () => {
      socket.timeout(timeoutMs).emit("quotes:subscribe", { assets }, (err, ack) => {
        if (err) fail(new Error(`subscribe ack timeout`));
        else if (!ack.ok) fail(new Error(`subscribe refused: ${ack.error.code} ${ack.error.message}`));
        else resolve(client);
      });
    });
  });
}

function openRaw(url: string, assets: string[], timeoutMs: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client: Client = { updates: 0, closed: false, close: () => ws.close() };
    let subscribed = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error("subscribe timeout"));
    }, timeoutMs);
    ws.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    ws.on("close", () => {
      if (!client.closed && measuring) disconnects++;
      client.closed = true;
    });
    ws.on("open", () => ws.send(JSON.stringify({ type: "subscribe", assets })));
    ws.on("message", (data: Buffer) => {
      if (!subscribed) {
        if (data.includes('"type":"subscribed"')) {
          subscribed = true;
          clearTimeout(timer);
          resolve(client);
        }
        return;
      }
      if (!measuring) return;
      messages++;
      updates++;
      client.updates++;
      latency.recordMs(Date.now() - readTs(data));
    });
  });
}

async function start(config: LoadConfig): Promise<void> {
  mode = config.mode;
  const t0 = performance.now();
  let failed = 0;
  const errors = new Set<string>();
  const open = config.mode === "bff" ? openBff : openRaw;
  for (let i = 0; i < config.sets.length; i += config.connectBatch) {
    if (performance.now() - t0 > config.connectBudgetMs) {
      failed += config.sets.length - i;
      errors.add(
        `connect budget of ${config.connectBudgetMs / 1000} s exhausted; ${config.sets.length - i} not opened`,
      );
      break;
    }
    const batch = config.sets.slice(i, i + config.connectBatch);
    const results = await Promise.allSettled(
      batch.map((assets) => open(config.url, assets, config.connectTimeoutMs, config.headers)),
    );
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
  bffLatency.reset();
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
  const seconds = (performance.now() - windowStart) / 1000;
  const per = clients.map((c) => c.updates);
  const ns = (v: number) => (Number.isFinite(v) ? v / 1e6 : Number.NaN);
  return {
    mode,
    seconds,
    clients: clients.length,
    disconnects,
    updates,
    messages,
    perClient: {
      min: per.length ? Math.min(...per) : 0,
      max: per.length ? Math.max(...per) : 0,
      mean: per.length ? per.reduce((a, b) => a + b, 0) / per.length : 0,
    },
    latency: latency.serialize(),
    ...(mode === "bff" ? { bffLatency: bffLatency.serialize() } : {}),
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
