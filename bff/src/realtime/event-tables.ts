import type { EventEmitter } from "node:events";
import type { Server, Socket } from "socket.io";

/** The listener table node:events keeps on every emitter (its own property, read afresh by every method). */
type WithTable = EventEmitter & { _events: Record<string | symbol, unknown> };

/**
 * The same listeners in a fast-mode object. node:events starts every table as `{ __proto__: null }`, which V8 keeps
 * as a hash dictionary (≈ 300–550 B with 3–7 events); an object built with the same keys and then given a null
 * prototype keeps V8's shared hidden classes (≈ 60–100 B). Node's streams do the same for theirs (`kShapeMode`).
 * Adding a listener later keeps it fast; removing an event's last listener (`delete`) turns it back into a dictionary,
 * which changes nothing but its size.
 */
function fastTable(table: WithTable["_events"]): WithTable["_events"] {
  const fast: WithTable["_events"] = {};
  for (const key of Reflect.ownKeys(table)) fast[key] = table[key];
  return Object.setPrototypeOf(fast, null) as WithTable["_events"];
}

/** What this module reads of a socket's engine.io connection (engine.io 6.6, `ws` 8: untyped internals). */
interface Conn {
  transport: EventEmitter & { socket?: unknown };
}

/** The plain (non-stream) emitters behind a socket: socket.io's socket, engine.io's, its transport and the `ws` socket. */
function emittersOf(socket: Socket): unknown[] {
  const conn = socket.conn as unknown as EventEmitter & Conn;
  return [socket, conn, conn.transport, conn.transport.socket];
}

const hasTable = (e: unknown): e is WithTable =>
  typeof e === "object" &&
  e !== null &&
  "_events" in e &&
  typeof e._events === "object" &&
  e._events !== null;

/**
 * After connect, gives each plain emitter of a socket its listener table as a fast-mode object, ≈ 1 KB per idle socket
 * over four emitters. Registered as the last `connection` listener (socket-server.ts): the tables hold every
 * listener the socket will have while it is idle. Node's streams (the TCP socket, `ws`'s receiver and sender) already
 * keep fast tables and are left alone.
 */
export function fastEventTables(io: Server): void {
  io.on("connection", (socket) => {
    for (const emitter of emittersOf(socket))
      if (hasTable(emitter)) emitter._events = fastTable(emitter._events);
  });
}
