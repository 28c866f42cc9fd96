import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { FEED_PROTOCOL_VERSION } from "@pregao/contracts";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { bearerMatches } from "../lib/auth.ts";
import type { Market, MarketEvent } from "../market/market.ts";
import { FeedConnection } from "./connection.ts";
import type { SimControls } from "./controls.ts";
import { handleFrame, type RequestContext } from "./requests.ts";
import { EventScheduler } from "./scheduler.ts";

export const SERVER_NAME = "pregao-sim/0.1.0";
export const MAX_CLIENT_FRAME = 64 * 1024;
export const CLOSE_SERVICE_RESTART = 1012;

export interface FeedServerOptions {
  market: Market;
  controls: SimControls;
  feedToken: string;
  log: Logger;
  clock: () => number;
  heartbeatMs?: number;
  maxSubscriptions?: number;
  maxBufferedBytes?: number;
}

/** The feed endpoint (`/feed/v1`): upgrade auth, per-connection protocol, market fan-out, heartbeats. */
export class FeedServer {
  readonly connections = new Set<FeedConnection>();
  private readonly subscribers = new Map<string, Set<FeedConnection>>();
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME,
    perMessageDeflate: false,
  });
  private readonly scheduler: EventScheduler;
  private readonly requests: RequestContext;
  private heartbeat: NodeJS.Timeout | undefined;
  readonly heartbeatMs: number;

  constructor(private readonly opts: FeedServerOptions) {
    this.heartbeatMs = opts.heartbeatMs ?? 1000;
    this.scheduler = new EventScheduler(
      () => opts.controls.rate(),
      (n) => this.emitEvents(n),
    );
    this.requests = {
      market: opts.market,
      maxSubscriptions: opts.maxSubscriptions ?? 500,
      clock: opts.clock,
      subscribe: (conn, asset) => {
        conn.subscriptions.add(asset);
        let set = this.subscribers.get(asset);
        if (!set) this.subscribers.set(asset, (set = new Set()));
        set.add(conn);
      },
      unsubscribe: (conn, asset) => {
        conn.subscriptions.delete(asset);
        this.subscribers.get(asset)?.delete(conn);
      },
    };
  }

  start(): void {
    this.scheduler.start();
    this.heartbeat = setInterval(
      () => this.broadcast('{"ts":' + this.opts.clock() + ',"type":"heartbeat"}'),
      this.heartbeatMs,
    );
  }

  /** Handles an HTTP upgrade: 404 for other paths/versions, 503 while refusing, 401 without the bearer token. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const version = /^\/feed\/v(\d+)$/.exec(path)?.[1];
    if (version === undefined || Number(version) !== FEED_PROTOCOL_VERSION)
      return reject(socket, 404, "NOT_FOUND", "no such feed endpoint");
    if (this.opts.controls.refuse)
      return reject(socket, 503, "UPSTREAM_UNAVAILABLE", "feed is refusing connections");
    if (!bearerMatches(req.headers.authorization, this.opts.feedToken))
      return reject(socket, 401, "UNAUTHENTICATED", "missing or invalid bearer token");
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Sends a body to every open connection. */
  broadcast(body: string): void {
    for (const conn of this.connections) conn.sendBody(body);
  }

  /** Emits a ProfitDLL connection-state change to everyone (new connections get the remembered state). */
  announceState(stateType: number): void {
    const result = this.opts.controls.connectionStates[stateType] ?? 0;
    this.broadcast(JSON.stringify({ ts: this.opts.clock(), type: "connectionState", stateType, result }));
  }

  dropAll(code = CLOSE_SERVICE_RESTART, reason = "dropped by control"): void {
    for (const conn of this.connections) conn.close(code, reason);
  }

  injectMalformed(count: number): void {
    for (const conn of this.connections) conn.malformedPending += count;
  }

  skipSeq(count: number): void {
    for (const conn of this.connections) conn.skipSeq(count);
  }

  publish(event: MarketEvent): void {
    const subs = this.subscribers.get(event.asset);
    if (!subs || subs.size === 0) return;
    for (const message of event.messages) {
      const body = JSON.stringify(message);
      for (const conn of subs) conn.sendBody(body);
    }
  }

  async close(): Promise<void> {
    this.scheduler.stop();
    clearInterval(this.heartbeat);
    for (const conn of this.connections) {
      conn.dispose();
      conn.ws.terminate();
    }
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private emitEvents(count: number): void {
    for (const conn of this.connections) conn.cork();
    try {
      for (let i = 0; i < count; i++) this.publish(this.opts.market.step());
    } finally {
      for (const conn of this.connections) conn.uncork();
    }
  }

  private accept(ws: WebSocket): void {
    const conn = new FeedConnection(
      ws,
      this.opts.controls,
      this.opts.maxBufferedBytes ?? 8 * 1024 * 1024,
      this.opts.log,
    );
    this.connections.add(conn);
    ws.on("close", () => {
      conn.dispose();
      this.connections.delete(conn);
      for (const asset of conn.subscriptions) this.subscribers.get(asset)?.delete(conn);
    });
    ws.on("error", (err) => this.opts.log.debug({ err }, "feed socket error"));
    ws.on("message", (data, isBinary) => {
      if (this.opts.controls.blackhole) return;
      handleFrame(this.requests, conn, data, isBinary);
    });
    const ts = this.opts.clock();
    conn.send({
      ts,
      type: "hello",
      protocol: FEED_PROTOCOL_VERSION,
      server: SERVER_NAME,
      heartbeatMs: this.heartbeatMs,
    });
    this.opts.controls.connectionStates.forEach((result, t) =>
      conn.send({ ts, type: "connectionState", stateType: t as 0 | 1 | 2 | 3, result }),
    );
  }
}

function reject(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const auth = status === 401 ? "WWW-Authenticate: Bearer\r\n" : "";
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${auth}\r\n${body}`,
  );
}
