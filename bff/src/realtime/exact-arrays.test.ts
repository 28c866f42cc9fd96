import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Socket as ServerSocket } from "socket.io";
import { closeAll, ioClient, ioServer, type Opened } from "../../tests/helpers/io-loopback.ts";
import { compactSocketArrays } from "./exact-arrays.ts";

const open: Opened = [];
afterEach(() => closeAll(open));

/** The arrays compactSocketArrays replaces, as the libraries left them. */
interface Arrays {
  fns: unknown[];
  _anyListeners: unknown[];
  _anyOutgoingListeners: unknown[];
  decoded: unknown[];
  cleanupFn: unknown[];
  close: unknown[];
}

const arraysOf = (socket: ServerSocket): Arrays => {
  const s = socket as unknown as Omit<Arrays, "decoded" | "cleanupFn" | "close"> & {
    client: { decoder: { _callbacks: { $decoded: unknown[] } } };
    conn: { cleanupFn: unknown[]; _events: { close: unknown[] } };
  };
  return {
    fns: s.fns,
    _anyListeners: s._anyListeners,
    _anyOutgoingListeners: s._anyOutgoingListeners,
    decoded: s.client.decoder._callbacks.$decoded,
    cleanupFn: s.conn.cleanupFn,
    close: s.conn._events.close,
  };
};

describe("compactSocketArrays", () => {
  it("replaces each grown array with a copy, and the socket keeps working through them to its disconnect", async () => {
    const { io, url } = await ioServer(open);
    const seen: string[] = [];
    const incoming: string[] = [];
    const outgoing: string[] = [];
    const before: Arrays[] = [];
    const connected: ServerSocket[] = [];
    const transportClosed: string[] = [];
    io.on("connection", (socket) => {
      socket.use((packet, next) => {
        seen.push(`first ${String(packet[0])}`);
        next();
      });
      socket.use((packet, next) => {
        seen.push(`second ${String(packet[0])}`);
        if (packet[0] === "denied") return next(new Error("denied"));
        next();
      });
      socket.onAny((event: string) => incoming.push(event));
      socket.onAnyOutgoing((event: string) => outgoing.push(event));
      socket.on("echo", (v: string, ack: (v: string) => void) => ack(v));
      socket.conn.on("close", (reason: string) => transportClosed.push(reason));
      before.push({ ...arraysOf(socket) });
      connected.push(socket);
    });
    compactSocketArrays(io);
    const client = await ioClient(open, url);
    const socket = connected[0]!;
    const after = arraysOf(socket);
    for (const key of Object.keys(after) as Array<keyof Arrays>) {
      expect(after[key], key).not.toBe(before[0]![key]);
      expect(after[key], key).toEqual(before[0]![key]);
    }
    expect(after.close).toHaveLength(3); // engine.io's, socket.io's and the one above

    await expect(client.emitWithAck("echo", "ping")).resolves.toBe("ping");
    const errors = new Promise<Error>((resolve) => socket.once("error", resolve));
    client.emit("denied");
    await expect(errors).resolves.toHaveProperty("message", "denied");
    expect(seen).toEqual(["first echo", "second echo", "first denied", "second denied"]);
    expect(incoming).toEqual(["echo", "denied"]);
    expect(outgoing).toEqual([]); // acks are not events
    const got = new Promise<string>((resolve) => client.once("hello", resolve));
    socket.emit("hello", "there");
    await expect(got).resolves.toBe("there");
    expect(outgoing).toEqual(["hello"]);

    const gone = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    client.disconnect();
    await expect(gone).resolves.toBe("client namespace disconnect");
    await new Promise<void>((resolve) => setTimeout(resolve, 50));
    // Every `close` listener ran: ours, socket.io's (the client is gone) and engine.io's (out of its table).
    expect(transportClosed).toEqual(["transport close"]);
    expect(io.engine.clientsCount).toBe(0);
    // engine.io ran its transport cleanup: the websocket transport has no packet listener left.
    expect(arraysOf(socket).cleanupFn).toEqual([]);
    expect(socket.conn.transport.listenerCount("packet")).toBe(0);
  });
});

/** Every line of a library's build that touches `.prop`, as `file: line`. */
function linesTouching(dir: string, prop: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`\\.${prop}\\b`);
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(".js"))
        for (const line of readFileSync(path, "utf8").split("\n"))
          if (pattern.test(line)) out.push(`${relative(dir, path)}: ${line.trim()}`);
    }
  };
  walk(dir);
  return out;
}

const fromBff = createRequire(import.meta.url);
const fromSocketIo = createRequire(fromBff.resolve("socket.io"));
const fromParser = createRequire(fromSocketIo.resolve("socket.io-parser"));
const socketIoDir = dirname(fromBff.resolve("socket.io"));
const engineIoDir = dirname(fromSocketIo.resolve("engine.io"));
const parserDir = dirname(fromSocketIo.resolve("socket.io-parser"));
const emitterDir = dirname(fromParser.resolve("@socket.io/component-emitter"));

// What makes the copies safe: each array is read through its owner's property every time, never kept elsewhere
// (a closure or another object holding the old array would go on using it). If an upgrade changes any of these lines,
// check the new ones the same way before updating the list.
describe("the library lines compactSocketArrays relies on", () => {
  it("socket.io reads a socket's middlewares and any-listeners afresh", () => {
    expect(linesTouching(socketIoDir, "fns")).toEqual([
      "socket.js: this.fns = [];",
      "socket.js: this.fns.push(fn);",
      "socket.js: if (!this.fns.length)",
      "socket.js: const fns = this.fns.slice(0);",
    ]);
    expect(linesTouching(socketIoDir, "_anyListeners")).toEqual([
      "socket.js: if (this._anyListeners && this._anyListeners.length) {",
      "socket.js: const listeners = this._anyListeners.slice();",
      "socket.js: this._anyListeners = this._anyListeners || [];",
      "socket.js: this._anyListeners.push(listener);",
      "socket.js: this._anyListeners = this._anyListeners || [];",
      "socket.js: this._anyListeners.unshift(listener);",
      "socket.js: if (!this._anyListeners) {",
      "socket.js: const listeners = this._anyListeners;", // offAny: spliced within the call
      "socket.js: this._anyListeners = [];",
      "socket.js: return this._anyListeners || [];", // listenersAny: the caller's, per call
    ]);
    expect(linesTouching(socketIoDir, "_anyOutgoingListeners")).toEqual([
      "socket.js: this._anyOutgoingListeners = this._anyOutgoingListeners || [];",
      "socket.js: this._anyOutgoingListeners.push(listener);",
      "socket.js: this._anyOutgoingListeners = this._anyOutgoingListeners || [];",
      "socket.js: this._anyOutgoingListeners.unshift(listener);",
      "socket.js: if (!this._anyOutgoingListeners) {",
      "socket.js: const listeners = this._anyOutgoingListeners;",
      "socket.js: this._anyOutgoingListeners = [];",
      "socket.js: return this._anyOutgoingListeners || [];",
      "socket.js: if (this._anyOutgoingListeners && this._anyOutgoingListeners.length) {",
      "socket.js: const listeners = this._anyOutgoingListeners.slice();",
    ]);
  });

  it("the decoder's listener lists are the emitter's own, read afresh", () => {
    expect(linesTouching(socketIoDir, "_callbacks")).toEqual([]);
    expect(linesTouching(parserDir, "_callbacks")).toEqual([]);
    expect(linesTouching(emitterDir, "_callbacks")).toEqual([
      "index.js: this._callbacks = this._callbacks || {};",
      "index.js: (this._callbacks['$' + event] = this._callbacks['$' + event] || [])",
      "index.js: this._callbacks = this._callbacks || {};",
      "index.js: this._callbacks = {};",
      "index.js: var callbacks = this._callbacks['$' + event];", // off: spliced within the call
      "index.js: delete this._callbacks['$' + event];",
      "index.js: delete this._callbacks['$' + event];",
      "index.js: this._callbacks = this._callbacks || {};",
      "index.js: , callbacks = this._callbacks['$' + event];", // emit: copied before the calls
      "index.js: this._callbacks = this._callbacks || {};",
      "index.js: return this._callbacks['$' + event] || [];", // listeners(): not called by socket.io
    ]);
  });

  it("engine.io reads its transport cleanup list afresh", () => {
    expect(linesTouching(engineIoDir, "cleanupFn")).toEqual([
      "socket.js: this.cleanupFn = [];",
      "socket.js: this.cleanupFn.push(function () {",
      "socket.js: const toCleanUp = this.cleanupFn.length;",
      "socket.js: cleanup = this.cleanupFn.shift();",
    ]);
  });
});
