import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { serveTraced } from "../lib/server-span.ts";
import type { ServiceAuth } from "../lib/service-auth.ts";
import { apiRoute, handleApi, send } from "./http.ts";
import type { OrderManager } from "./order-manager.ts";
import { ServiceRateLimiter } from "./rate-limit.ts";
import { OrderStream } from "./stream.ts";

/**
 * The order manager + risk service HTTP/WebSocket endpoint on its own port. `setEnabled(false)` closes the listener
 * and every connection (clients see connection refused) until it is enabled again on the same port.
 */
export class ServicesServer {
  readonly server: Server;
  readonly stream: OrderStream;
  private port = 0;
  private host = "127.0.0.1";
  enabled = true;
  /** Once a second: expires DAY orders when the trading session closes. */
  private readonly sessionTimer: NodeJS.Timeout;

  constructor(
    private readonly manager: OrderManager,
    auth: ServiceAuth,
    private readonly log: Logger,
    clock: () => number,
  ) {
    const deps = { manager, auth, log, limits: new ServiceRateLimiter(clock) };
    this.sessionTimer = setInterval(() => manager.sessionTick(), 1000);
    this.sessionTimer.unref();
    this.stream = new OrderStream(manager, auth, log, clock);
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (path === "/health" && req.method === "GET")
        return send(res, 200, {
          status: "healthy",
          service: "order-manager",
          killSwitchActive: manager.risk.killSwitch.active,
          timestamp: clock(),
        });
      // A SERVER span continuing the caller's traceparent (the BFF's CLIENT span); risk + matching are children.
      void serveTraced(
        req,
        apiRoute(req.method, path),
        () => res.statusCode,
        () => handleApi(deps, req, res),
      );
    });
    this.server.on("upgrade", (req, socket, head) => {
      if (new URL(req.url ?? "/", "http://localhost").pathname === "/api/stream")
        return void serveTraced(
          req,
          "/api/stream",
          () => undefined,
          () => this.stream.handleUpgrade(req, socket, head),
        );
      socket.destroy();
    });
  }

  async listen(port: number, host: string): Promise<number> {
    this.host = host;
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async setEnabled(enabled: boolean): Promise<void> {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    this.log.warn({ servicesEnabled: enabled }, "services availability changed");
    if (enabled) await this.listen(this.port, this.host);
    else await this.stop();
  }

  async close(): Promise<void> {
    clearInterval(this.sessionTimer);
    this.stream.close();
    if (this.enabled) await this.stop();
  }

  private async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.stream.dropAll();
    this.server.closeAllConnections();
    await closed;
  }
}
