import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { OrderStreamMessage } from "@pregao/contracts";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { BFF_SERVICE_SUBJECT, ServiceAuthError, type ServiceAuth } from "../lib/service-auth.ts";
import { rejectUpgrade } from "../lib/upgrade.ts";
import type { OrderEvent, OrderManager } from "./order-manager.ts";

type Body = OrderEvent | { type: "heartbeat" };

/** `GET /api/stream`: the order manager's push stream to the BFF (order-stream.ts), one `seq` per connection. */
export class OrderStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
  private readonly clients = new Map<WebSocket, { seq: number }>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly manager: OrderManager,
    private readonly auth: ServiceAuth,
    private readonly log: Logger,
    private readonly clock: () => number,
    heartbeatMs = 1000,
  ) {
    this.unsubscribe = manager.on((e) => this.broadcast(e));
    this.heartbeat = setInterval(() => this.broadcast({ type: "heartbeat" }), heartbeatMs);
    this.heartbeat.unref();
  }

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => socket.destroy());
    try {
      const claims = await this.auth.verify(req.headers.authorization, "order-manager");
      if (claims.sub !== BFF_SERVICE_SUBJECT) {
        this.log.warn({ audit: "stream_forbidden", sub: claims.sub }, "order stream refused");
        return rejectUpgrade(socket, 403, {
          success: false,
          error: "the order stream is for the BFF only",
          code: "FORBIDDEN",
        });
      }
    } catch (err) {
      const e =
        err instanceof ServiceAuthError
          ? err
          : new ServiceAuthError(401, "UNAUTHENTICATED", "INVALID_TOKEN", "invalid token");
      this.log.warn(
        { audit: "service_auth_refused", reason: e.reason, path: "/api/stream" },
        "service token refused",
      );
      return rejectUpgrade(socket, e.status, { success: false, error: e.message, code: e.code });
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Closes every stream connection (services disabled). */
  dropAll(): void {
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.clients.set(ws, { seq: 0 });
    ws.on("close", () => this.clients.delete(ws));
    ws.on("error", () => ws.terminate());
    this.send(ws, { type: "killSwitch", state: { ...this.manager.risk.killSwitch } });
    for (const account of this.manager.knownAccounts())
      this.send(ws, { type: "positions", account, positions: this.manager.positionsOf(account) });
  }

  private broadcast(body: Body): void {
    for (const ws of this.clients.keys()) this.send(ws, body);
  }

  private send(ws: WebSocket, body: Body): void {
    const state = this.clients.get(ws);
    if (!state || ws.readyState !== ws.OPEN) return;
    const message = { seq: ++state.seq, ts: this.clock(), ...body } as OrderStreamMessage;
    ws.send(JSON.stringify(message));
  }
}
