import type { Server } from "socket.io";

/**
 * The per-socket arrays of socket.io 4.8, engine.io 6.6 and socket.io-parser 4.2 (its emitter,
 * @socket.io/component-emitter 3.1) that are filled with `push` from empty and never grow after `connection`. V8 gives
 * an array its first push room for 17 entries (152 B) however few it holds. Each is only ever read through its owner's
 * property, afresh (exact-arrays.test.ts pins every line of the libraries that touches them), so swapping in an
 * exact-size copy keeps every reader on the live array.
 */
interface Internals {
  /** socket.io Socket: its `socket.use` middlewares. */
  fns: unknown[];
  /** socket.io Socket: `onAny` / `onAnyOutgoing` listeners (absent until the first one). */
  _anyListeners?: unknown[];
  _anyOutgoingListeners?: unknown[];
  client: {
    /** socket.io-parser's Decoder: its component-emitter listener lists, by `$` + event. */
    decoder: { _callbacks?: Record<string, unknown[] | undefined> };
  };
  conn: {
    /** engine.io Socket: what to undo when its transport changes. */
    cleanupFn: unknown[];
    /** node:events listeners: an array once an event has two; the third `push` makes it room for 19. */
    _events: Record<string, unknown>;
  };
}

/** A frozen list is shared by every socket (shared-any-listeners.ts): copying it would make it per socket again. */
const exact = <T>(array: T[]): T[] =>
  Object.isFrozen(array) ? array : array.length === 0 ? [] : array.slice();

/**
 * Replaces each such array of a connected socket with an exact-size copy, ≈ 0.75 KB per idle socket: its
 * middlewares, its `onAny`/`onAnyOutgoing` listeners, its decoder's `decoded` listeners, engine.io's transport cleanup
 * list and the engine.io socket's `close` listeners (engine.io's, socket.io's and the cap slot's). Registered as the
 * last `connection` listener (socket-server.ts), after everything that adds to them: nothing adds later, except a
 * long-polling socket's upgrade, which refills `cleanupFn`.
 */
export function compactSocketArrays(io: Server): void {
  io.on("connection", (socket) => {
    const s = socket as unknown as Internals;
    s.fns = exact(s.fns);
    if (s._anyListeners) s._anyListeners = exact(s._anyListeners);
    if (s._anyOutgoingListeners) s._anyOutgoingListeners = exact(s._anyOutgoingListeners);
    const callbacks = s.client.decoder._callbacks;
    const decoded = callbacks?.$decoded;
    if (callbacks && decoded) callbacks.$decoded = exact(decoded);
    const { conn } = s;
    conn.cleanupFn = exact(conn.cleanupFn);
    const close = conn._events.close;
    if (Array.isArray(close)) conn._events.close = exact(close);
  });
}
