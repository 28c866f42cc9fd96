import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import type { Socket as ServerSocket } from "socket.io";
import { closeAll, ioClient, ioServer, type Opened } from "../../tests/helpers/io-loopback.ts";
import { fastEventTables } from "./event-tables.ts";

const open: Opened = [];
afterEach(() => closeAll(open));

type Table = Record<string | symbol, unknown>;
const tableOf = (e: unknown): Table => (e as { _events: Table })._events;
/** socket.io's socket, engine.io's, its websocket transport and the `ws` socket. */
const emittersOf = (socket: ServerSocket): EventEmitter[] => {
  const conn = socket.conn as unknown as EventEmitter & {
    transport: EventEmitter & { socket: EventEmitter };
  };
  return [socket as unknown as EventEmitter, conn, conn.transport, conn.transport.socket];
};
const listenersOf = (e: EventEmitter) => e.eventNames().map((n) => [n, e.rawListeners(n)]);

describe("fastEventTables", () => {
  it("rebuilds each emitter's listener table with the same listeners, and the socket keeps working to its end", async () => {
    // A short ping interval: engine.io's heartbeat runs through these emitters several times during the test.
    const { io, url } = await ioServer(open, { pingInterval: 40, pingTimeout: 200 });
    const before: Array<{ table: Table; listeners: unknown }> = [];
    const connected: ServerSocket[] = [];
    io.on("connection", (socket) => {
      socket.on("echo", (v: string, ack: (v: string) => void) => ack(v));
      for (const e of emittersOf(socket)) before.push({ table: tableOf(e), listeners: listenersOf(e) });
      connected.push(socket);
    });
    fastEventTables(io);
    const client = await ioClient(open, url);
    const socket = connected[0]!;
    emittersOf(socket).forEach((e, i) => {
      expect(tableOf(e)).not.toBe(before[i]!.table);
      expect(Object.getPrototypeOf(tableOf(e))).toBeNull();
      expect(listenersOf(e)).toEqual(before[i]!.listeners);
    });

    await new Promise<void>((resolve) => setTimeout(resolve, 200)); // several pings answered
    expect(socket.connected).toBe(true);
    await expect(client.emitWithAck("echo", "ping")).resolves.toBe("ping");
    // Listeners added and removed afterwards work as on any emitter.
    const heard: string[] = [];
    const later = (v: string) => heard.push(v);
    socket.on("later", later);
    client.emit("later", "a");
    await expect.poll(() => heard).toEqual(["a"]);
    socket.off("later", later);
    client.emit("later", "b");
    await expect(client.emitWithAck("echo", "pong")).resolves.toBe("pong");
    expect(heard).toEqual(["a"]);

    const [sio, conn, transport] = emittersOf(socket);
    const gone = new Promise<string>((resolve) => sio!.once("disconnect", resolve));
    client.disconnect();
    await expect(gone).resolves.toBe("client namespace disconnect");
    await expect.poll(() => io.engine.clientsCount).toBe(0);
    expect(conn!.listenerCount("close")).toBe(0); // engine.io and socket.io let go of the connection
    expect(transport!.listenerCount("packet")).toBe(0);
  });
});

// What makes the rebuilt tables safe: node:events reads `this._events` afresh in each call and keeps it nowhere else
// (socket.io, engine.io and `ws` never touch it). If a Node upgrade changes these lines, check the new ones the same
// way before updating the list.
describe("the node:events lines fastEventTables relies on", () => {
  it("each method reads the table from the emitter per call", () => {
    const lines = (name: keyof EventEmitter) =>
      (EventEmitter.prototype[name] as (...a: unknown[]) => unknown)
        .toString()
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /_events\b/.test(l));
    expect(lines("emit")).toEqual(["const events = this._events;"]);
    expect(lines("removeListener")).toEqual([
      "const events = this._events;",
      "this._events = { __proto__: null };",
    ]);
    expect(lines("listenerCount")).toEqual(["const events = this._events;"]);
    expect(lines("eventNames")).toEqual([
      "return this._eventsCount > 0 ? ReflectOwnKeys(this._events) : [];",
    ]);
  });
});
