import { createServer, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { handleControl } from "./control/router.ts";
import { SimControls } from "./feed/controls.ts";
import { FeedServer } from "./feed/server.ts";
import { loadInstruments } from "./market/instruments.ts";
import { Market } from "./market/market.ts";
import { createServiceAuth, type JwksSource } from "./lib/service-auth.ts";
import { OrderManager } from "./orders/order-manager.ts";
import { ServicesServer } from "./orders/server.ts";
import type { TradingHours } from "./risk/risk-engine.ts";

export interface SimServerOptions {
  seed: number;
  rate: number;
  assets?: number;
  /** Static feed bearer, accepted besides JWTs only when set. */
  feedToken?: string;
  controlToken: string;
  /** Where service-token keys come from (default: the BFF's JWKS URL). */
  keys: JwksSource;
  tradingHours?: Partial<TradingHours>;
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  maxSubscriptions?: number;
  log: Logger;
  clock?: () => number;
}

export interface SimServer {
  server: Server;
  feed: FeedServer;
  controls: SimControls;
  market: Market;
  manager: OrderManager;
  services: ServicesServer;
}

/** Builds the simulator's HTTP server: `/feed/v1` (WebSocket), `/control/*`, `/health`. Not yet listening. */
export function createSimServer(opts: SimServerOptions): SimServer {
  const clock = opts.clock ?? Date.now;
  const market = new Market({ seed: opts.seed, clock, instruments: loadInstruments(opts.assets) });
  const controls = new SimControls(opts.rate, clock);
  const auth = createServiceAuth(opts.keys, clock);
  const feed = new FeedServer({
    market,
    seed: opts.seed,
    controls,
    clock,
    ...(opts.feedToken === undefined ? {} : { feedToken: opts.feedToken }),
    auth,
    log: opts.log,
    ...(opts.heartbeatMs === undefined ? {} : { heartbeatMs: opts.heartbeatMs }),
    ...(opts.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: opts.maxBufferedBytes }),
    ...(opts.maxSubscriptions === undefined ? {} : { maxSubscriptions: opts.maxSubscriptions }),
  });
  const manager = new OrderManager({
    market,
    clock,
    log: opts.log,
    publish: (event) => feed.publish(event),
    ...(opts.tradingHours ? { tradingHours: opts.tradingHours } : {}),
  });
  const services = new ServicesServer(manager, auth, opts.log, clock);
  const deps = { controls, feed, market, manager, services, token: opts.controlToken, log: opts.log };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/health" && req.method === "GET") return json(res, 200, { status: "pass" });
    if (path === "/control" || path.startsWith("/control/")) return void handleControl(deps, req, res);
    if (path.startsWith("/feed/"))
      return json(res, 426, { error: { code: "NOT_FOUND", message: "WebSocket upgrade required" } });
    json(res, 404, { error: { code: "NOT_FOUND", message: `no route ${path}` } });
  });
  server.on("upgrade", (req, socket, head) => void feed.handleUpgrade(req, socket, head));
  return { server, feed, controls, market, manager, services };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
