import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { FEED_PROTOCOL_VERSION, type ConnStateType } from "@pregao/contracts";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { bearerMatches } from "../lib/auth.ts";
import { BFF_SERVICE_SUBJECT, ServiceAuthError, type ServiceAuth } from "../lib/service-auth.ts";
import { rejectUpgrade as reject } from "../lib/upgrade.ts";
import type { Market, MarketEvent } from "../market/market.ts";
import { FeedConnection } from "./connection.ts";
import type { SimControls } from "./controls.ts";
import { TradeHistory } from "../market/trade-history.ts";
import { handleFrame, type RequestContext } from "./requests.ts";
import { EventScheduler } from "./scheduler.ts";

export const SERVER_NAME = "pregao-sim/0.1.0";
export const MAX_CLIENT_FRAME = 64 * 1024;
export const CLOSE_SERVICE_RESTART = 1012;

export interface FeedServerOptions {
  market: Market;
  controls: SimControls;
  /** Static bearer token, accepted besides JWTs only when set (opt-in for raw tools). */
  feedToken?: string;
  /** Verifies the BFF's service tokens (aud `market-data`, sub `service:pregao-bff`). */
  auth: ServiceAuth;
  log: Logger;
  clock: () => number;
  heartbeatMs?: number;
  maxSubscriptions?: number;
  maxBufferedBytes?: number;
  /** Seed of the generated earlier sessions (`getHistoryTrades`); the market's seed. */
  seed?: number;
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
  readonly history: TradeHistory;
  private heartbeat: NodeJS.Timeout | undefined;
  readonly heartbeatMs: number;

  constructor(private readonly opts: FeedServerOptions) {
    this.heartbeatMs = opts.heartbeatMs ?? 1000;
    this.scheduler = new EventScheduler(
      () => opts.controls.rate(),
      (n) => this.emitEvents(n),
    );
    this.history = new TradeHistory({
      seed: opts.seed ?? 1,
      clock: opts.clock,
      instrument: (asset) => opts.market.instrument(asset),
    });
    this.requests = {
      market: opts.market,
      history: this.history,
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

  /** Handles an HTTP upgrade: 404 for other paths/versions, 503 while refusing, 401/403 without a valid token. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => socket.destroy());
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const version = /^\/feed\/v(\d+)$/.exec(path)?.[1];
    if (version === undefined || Number(version) !== FEED_PROTOCOL_VERSION)
      return reject(socket, 404, { error: { code: "NOT_FOUND", message: "no such feed endpoint" } });
    if (this.opts.controls.refuse.take()) {
      this.opts.controls.counters.upgradesRefused++;
      return reject(socket, 503, {
        error: { code: "UPSTREAM_UNAVAILABLE", message: "feed is refusing connections" },
      });
    }
    const { feedToken } = this.opts;
    if (!(feedToken !== undefined && bearerMatches(req.headers.authorization, feedToken))) {
      try {
        const claims = await this.opts.auth.verify(req.headers.authorization, "market-data");
        if (claims.sub !== BFF_SERVICE_SUBJECT) {
          this.opts.log.warn({ audit: "feed_forbidden", sub: claims.sub }, "feed token refused");
          return reject(socket, 403, {
            error: { code: "FORBIDDEN", message: "the feed is for the BFF only" },
          });
        }
      } catch (err) {
        const e = err instanceof ServiceAuthError ? err : undefined;
        this.opts.log.warn(
          { audit: "service_auth_refused", reason: e?.reason ?? "INVALID_TOKEN", path },
          "feed token refused",
        );
        return reject(socket, e?.status ?? 401, {
          error: { code: e?.code ?? "UNAUTHENTICATED", message: "missing or invalid bearer token" },
        });
      }
    }
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
    for (const conn of this.connections) {
      if (conn.isOpen) this.opts.controls.counters.connectionsDropped++;
      conn.close(code, reason);
    }
  }

  skipSeq(count: number): void {
    for (const conn of this.connections) conn.skipSeq(count);
  }

  publish(event: MarketEvent): void {
    this.history.record(event);
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
      if (this.opts.controls.blackhole.active) return;
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
      conn.send({ ts, type: "connectionState", stateType: t as ConnStateType, result }),
    );
    const { controls } = this.opts;
    controls.counters.connectionsAccepted++;
    if (controls.drop.take()) {
      controls.counters.connectionsDropped++;
      conn.close(CLOSE_SERVICE_RESTART, "dropped by control");
    }
  }
}
