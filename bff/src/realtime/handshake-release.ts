import { ServerResponse, type IncomingMessage } from "node:http";
import type { EventEmitter } from "node:events";
import type { Socket as NetSocket } from "node:net";
import type { Server } from "socket.io";

/** engine.io's stand-in response for a WebSocket upgrade (engine.io 6.6 build/server.js, `WebSocketResponse`). */
interface UpgradeResponse {
  req: IncomingMessage | null;
  socket: NetSocket;
}

/** The `close` listener `WebSocketResponse` puts on the TCP socket, as engine.io 6.6 writes it. */
const RESPONSE_CLOSE_SOURCE = '() => this.emit("close")';

/** What the handshake fields hold once released: nothing, shared by every socket. */
const RELEASED = Object.freeze({});

/**
 * Lets go of what socket.io and engine.io keep per socket only for the handshake, ≈ 2 KB per idle socket:
 *
 * - engine.io's `conn.request` (socket.io's memory guide: set it to null once read), and the same request through the
 *   `WebSocketResponse` an upgrade gets: its `close` listener on the TCP socket keeps it, its `req` and its own
 *   event table for the life of the connection. The listener re-emits `close` on that response for engine middlewares
 *   that wait for it; none here does. Removed in an engine middleware, where it is the TCP socket's newest `close`
 *   listener (engine.io adds it just before running the middlewares), and only if it is that listener; the response's
 *   `req` is dropped either way (read only by middlewares setting response headers, none after this one).
 * - `socket.handshake.headers`, `.query` and `.url`: copies of the request's, `.auth`, the client's CONNECT
 *   payload, and `.time`, the connection's date as a ≈ 80 B string (`.issued` keeps it as a number): read by nobody
 *   here once the socket has connected. The handshake middleware reads the headers (realtime/handshake.ts), the
 *   client address hook reads the request (realtime/engine-hooks.ts); both run before this. `handshake.address`
 *   stays (caps, audit).
 *
 * Two parts: `releaseUpgradeResponse` is the first engine middleware, `releaseHandshakeCopies` the last `connection`
 * listener (socket-server.ts).
 */
export function releaseUpgradeResponse(io: Server): void {
  io.engine.use((_req: IncomingMessage, res: ServerResponse | UpgradeResponse, next: () => void) => {
    if (!(res instanceof ServerResponse)) {
      const onClose = res.socket.listeners("close").at(-1) as (() => void) | undefined;
      if (onClose?.toString() === RESPONSE_CLOSE_SOURCE) res.socket.removeListener("close", onClose);
      res.req = null;
    }
    next();
  });
}

/** The second part of `releaseUpgradeResponse`'s note: after every other `connection` listener. */
export function releaseHandshakeCopies(io: Server): void {
  io.on("connection", (socket) => {
    (socket.conn as { request: IncomingMessage | null }).request = null;
    const { handshake } = socket;
    handshake.headers = RELEASED;
    handshake.query = RELEASED;
    handshake.url = "";
    handshake.auth = RELEASED;
    handshake.time = "";
  });
}

/**
 * engine.io's `onUpgradeError`, which it puts on every `ws` socket before the handshake and removes only when a
 * long-polling socket upgrades: on a socket that opened as a websocket it stays for the connection's life (≈ 170 B with
 * its context and the listener array). The transport's own `error` listener handles errors from then on, as it does
 * after an upgrade.
 */
export function releaseUpgradeErrorListener(io: Server): void {
  io.on("connection", (socket) => {
    const ws = (socket.conn.transport as { socket?: EventEmitter }).socket;
    for (const listener of ws?.listeners("error") ?? [])
      if (listener.name === "onUpgradeError") ws?.removeListener("error", listener as () => void);
  });
}
