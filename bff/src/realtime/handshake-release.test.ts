import type { EventEmitter } from "node:events";
import { createServer, ServerResponse, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { AddressInfo, Socket as NetSocket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Server, type Socket as ServerSocket } from "socket.io";
import { io as connectClient, type Socket } from "socket.io-client";
import {
  releaseHandshakeCopies,
  releaseUpgradeErrorListener,
  releaseUpgradeResponse,
} from "./handshake-release.ts";

interface UpgradeResponse {
  req: IncomingMessage | null;
  socket: NetSocket;
}

const open: Array<() => void> = [];
afterEach(() => open.splice(0).forEach((f) => f()));

/** A server with the release hooks, a handshake middleware reading the headers, and the upgrade responses it saw. */
async function serve() {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const upgrades: UpgradeResponse[] = [];
  const seenAtHandshake: Array<string | undefined> = [];
  releaseUpgradeResponse(io);
  io.engine.use((_req: IncomingMessage, res: ServerResponse | UpgradeResponse, next: () => void) => {
    if (!(res instanceof ServerResponse)) upgrades.push(res);
    next();
  });
  io.use((socket, next) => {
    seenAtHandshake.push(socket.request.headers["x-probe"] as string | undefined);
    next();
  });
  const connected: ServerSocket[] = [];
  const readAtConnection: Array<string | undefined> = [];
  io.on("connection", (socket) => {
    readAtConnection.push(socket.request.headers["x-probe"] as string | undefined);
    connected.push(socket);
    socket.on("echo", (v: string, ack: (v: string) => void) => ack(v));
  });
  releaseHandshakeCopies(io);
  releaseUpgradeErrorListener(io);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  open.push(
    () => void io.close(),
    () => void http.close(),
  );
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { io, url, upgrades, seenAtHandshake, readAtConnection, connected };
}

async function client(url: string, transports: ("websocket" | "polling")[]): Promise<Socket> {
  const s = connectClient(url, {
    transports,
    forceNew: true,
    reconnection: false,
    extraHeaders: { "x-probe": "seen" },
    auth: { token: "t" },
  });
  open.push(() => s.disconnect());
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  return s;
}

const errorListenerNames = (socket: ServerSocket) =>
  (socket.conn.transport as unknown as { socket: EventEmitter }).socket.listeners("error").map((l) => l.name);

const responseCloseListeners = (socket: NetSocket) =>
  socket.listeners("close").filter((l) => l.toString() === '() => this.emit("close")');

describe("releasing the handshake's request", () => {
  it("keeps the request for the handshake and the connection listeners, then lets every reference to it go", async () => {
    const { url, upgrades, seenAtHandshake, readAtConnection, connected } = await serve();
    const s = await client(url, ["websocket"]);
    expect(seenAtHandshake).toEqual(["seen"]);
    expect(readAtConnection).toEqual(["seen"]);
    const socket = connected[0]!;
    expect((socket.conn as unknown as { request: unknown }).request).toBeNull();
    expect(socket.handshake.headers).toEqual({});
    expect(socket.handshake.query).toEqual({});
    expect(socket.handshake.url).toBe("");
    expect(socket.handshake.auth).toEqual({});
    expect(socket.handshake.time).toBe("");
    expect(socket.handshake.issued).toBeGreaterThan(Date.now() - 60_000); // the same date, as a number
    expect(socket.handshake.address).toBe("127.0.0.1");
    expect(upgrades).toHaveLength(1);
    expect(upgrades[0]!.req).toBeNull();
    expect(responseCloseListeners(upgrades[0]!.socket)).toEqual([]);
    expect(errorListenerNames(socket)).not.toContain("onUpgradeError");
    expect(errorListenerNames(socket)).toHaveLength(1); // the transport's own
    // The socket still works both ways and still learns that its client left.
    await expect(s.emitWithAck("echo", "ping")).resolves.toBe("ping");
    const gone = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    s.disconnect();
    await expect(gone).resolves.toBe("client namespace disconnect");
  });

  it("releases the upgrade of a long-polling socket the same way", async () => {
    const { url, upgrades, connected } = await serve();
    const s = await client(url, ["polling", "websocket"]);
    const socket = connected[0]!;
    await new Promise<void>((resolve) => {
      if (socket.conn.transport.name === "websocket") resolve();
      else socket.conn.once("upgrade", () => resolve());
    });
    expect((socket.conn as unknown as { request: unknown }).request).toBeNull();
    expect(upgrades).toHaveLength(1);
    expect(upgrades[0]!.req).toBeNull();
    expect(responseCloseListeners(upgrades[0]!.socket)).toEqual([]);
    await expect(s.emitWithAck("echo", "pong")).resolves.toBe("pong");
  });

  it("leaves a dropped TCP connection to close the socket", async () => {
    const { url, connected, upgrades } = await serve();
    await client(url, ["websocket"]);
    const socket = connected[0]!;
    const gone = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    upgrades[0]!.socket.destroy();
    await expect(gone).resolves.toBe("transport close");
  });
});
