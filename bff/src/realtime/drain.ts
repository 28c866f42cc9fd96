import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

export interface SocketDrainOptions {
  /** Clients are told to reconnect at a uniformly random moment within this window (no thundering herd). */
  spreadMs: number;
  /** After the window, sockets still here (old clients, a client that missed the notice) are disconnected. */
  graceMs: number;
  random?: () => number;
}

export type DrainPhase = { phase: "serving" } | { phase: "draining"; since: number };

export interface SocketDrainResult {
  /** Sockets told to reconnect. */
  told: number;
  /** Sockets still connected after the window and the grace, disconnected by the server. */
  forced: number;
}

/** The engine.io handshake answer while draining: a 503 the gateway retries on another instance (deploy/gateway). */
const DRAINING_BODY = JSON.stringify({
  error: { code: "DRAINING", message: "this instance is shutting down; connect to another" },
});

const isHandshake = (req: IncomingMessage): boolean =>
  !new URL(req.url ?? "/", "http://bff").searchParams.has("sid");

/**
 * Graceful drain of the realtime side (SIGTERM): new engine.io handshakes are refused at once (a polling handshake
 * gets 503 DRAINING, a WebSocket upgrade is closed before the 101; the gateway retries either on another instance),
 * established sockets keep streaming, and each is sent `server:draining { reconnectInMs }` with its own random delay
 * in [0, spreadMs), so their reconnects spread over the window. Stragglers are disconnected after spreadMs + graceMs.
 */
export class SocketDrain {
  private state: DrainPhase = { phase: "serving" };

  constructor(private readonly io: Io) {
    io.engine.use((req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
      if (this.state.phase === "serving" || !isHandshake(req)) return next();
      if (req.headers.upgrade) return res.end(); // engine.io's WebSocketResponse: destroys the socket, no 101
      res.writeHead(503, {
        "content-type": "application/json",
        "cache-control": "no-store",
        "retry-after": "1",
      });
      res.end(DRAINING_BODY);
    });
  }

  get phase(): DrainPhase {
    return this.state;
  }

  async drain(options: SocketDrainOptions, now = Date.now): Promise<SocketDrainResult> {
    if (this.state.phase === "serving") this.state = { phase: "draining", since: now() };
    const random = options.random ?? Math.random;
    const sockets = this.io.of("/").sockets;
    let told = 0;
    for (const socket of sockets.values()) {
      socket.emit("server:draining", { reconnectInMs: Math.floor(random() * options.spreadMs) });
      told++;
    }
    const deadline = now() + options.spreadMs + options.graceMs;
    while (sockets.size > 0 && now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const forced = sockets.size;
    if (forced) this.io.local.disconnectSockets(true);
    return { told, forced };
  }
}
