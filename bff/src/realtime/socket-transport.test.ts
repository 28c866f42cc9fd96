import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Server, type Socket as ServerSocket } from "socket.io";
import { io as connectClient, type Socket } from "socket.io-client";
import type { ClientToServerEvents, Quote, ServerToClientEvents } from "@pregao/contracts";
import { sharedJsonParser } from "./shared-json-parser.ts";
import type { PregaoSocket } from "./socket-events.ts";
import { SocketTransport } from "./socket-transport.ts";

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

const open: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

/** A server with the BFF's parser, one connected client, and the server side of its socket. */
async function connected(
  transports: ("websocket" | "polling")[] = ["websocket"],
): Promise<{ client: Socket; socket: ServerSocket; packetsCreated: () => number }> {
  const http = createServer();
  const io: Io = new Server(http, { parser: sharedJsonParser(["quotes:updated", "book:updated"]) });
  open.push(
    () => new Promise((r) => http.close(r)),
    () => io.close(),
  );
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const serverSide = new Promise<ServerSocket>((r) => io.once("connection", r));
  const client = connectClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports,
    forceNew: true,
    reconnection: false,
  });
  open.push(() => client.disconnect());
  const socket = await serverSide;
  await new Promise<void>((r) => (client.connected ? r() : client.once("connect", () => r())));
  let created = 0;
  socket.conn.on("packetCreate", () => created++);
  return { client, socket, packetsCreated: () => created };
}

const quote = (asset: string, last: number): Quote =>
  ({ asset, last, change: 0.5, dataState: "live" }) as unknown as Quote;

const next = <E extends keyof ServerToClientEvents>(client: Socket, event: E) =>
  new Promise<Parameters<ServerToClientEvents[E]>[0]>((r) =>
    client.once(event as string, (payload: Parameters<ServerToClientEvents[E]>[0]) => r(payload)),
  );

const until = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("SocketTransport", () => {
  it("writes a batch straight to the websocket, and the client decodes exactly what was sent", async () => {
    const { client, socket, packetsCreated } = await connected();
    const transport = new SocketTransport(socket as unknown as PregaoSocket);
    await until(() => transport.drained());
    const batch = [quote("PETR4:B", 37.5), quote("VALE3:B", 61.02)];
    const got = next(client, "quotes:updated");
    transport.emit("quotes:updated", batch);
    expect(await got).toEqual(batch);
    // engine.io made no packet for it: the batch skipped engine.io's write path.
    expect(packetsCreated()).toBe(0);
  });

  it("tells the socket's outgoing listeners about a batch it wrote directly, as socket.emit does", async () => {
    const { socket, packetsCreated } = await connected();
    const transport = new SocketTransport(socket as unknown as PregaoSocket);
    await until(() => transport.drained());
    const seen: unknown[][] = [];
    socket.onAnyOutgoing((...a: unknown[]) => seen.push(a));
    const batch = [quote("PETR4:B", 37.5)];
    transport.emit("quotes:updated", batch);
    expect(packetsCreated()).toBe(0);
    expect(seen).toEqual([["quotes:updated", batch]]);
  });

  it("never overtakes an event engine.io still holds: the batch queues behind it", async () => {
    const { client, socket, packetsCreated } = await connected();
    const transport = new SocketTransport(socket as unknown as PregaoSocket);
    await until(() => transport.drained());
    const order: string[] = [];
    const both = new Promise<void>((r) => {
      client.on("feed:status", () => order.push("feed:status"));
      client.on("quotes:updated", () => {
        order.push("quotes:updated");
        r();
      });
    });
    socket.emit("feed:status", { link: "live" } as never);
    expect(transport.drained()).toBe(false);
    transport.emit("quotes:updated", [quote("PETR4:B", 37.5)]);
    await both;
    expect(order).toEqual(["feed:status", "quotes:updated"]);
    expect(packetsCreated()).toBe(2);
  });

  it("goes through engine.io on long-polling", async () => {
    const { client, socket, packetsCreated } = await connected(["polling"]);
    const transport = new SocketTransport(socket as unknown as PregaoSocket);
    const batch = [quote("PETR4:B", 37.5)];
    const got = next(client, "quotes:updated");
    transport.emit("quotes:updated", batch);
    expect(await got).toEqual(batch);
    expect(packetsCreated()).toBe(1);
  });

  it("is not drained while a direct write is still queued in the socket, and is again once the client read it", async () => {
    const { client, socket } = await connected();
    const transport = new SocketTransport(socket as unknown as PregaoSocket);
    await until(() => transport.drained());
    // ≈ 16 MB: more than loopback's socket buffers take at once.
    const big = Array.from({ length: 200_000 }, (_, i) => quote(`A${i}:B`, i));
    const got = next(client, "quotes:updated");
    transport.emit("quotes:updated", big);
    expect(transport.drained()).toBe(false);
    expect((await got).length).toBe(big.length);
    await until(() => transport.drained());
  });

  it("sends nothing once the socket is disconnected", async () => {
    const { client, socket } = await connected();
    const transport = new SocketTransport(socket as unknown as PregaoSocket);
    let received = 0;
    client.on("quotes:updated", () => received++);
    const gone = new Promise((r) => client.once("disconnect", r));
    socket.disconnect();
    await gone;
    transport.emit("quotes:updated", [quote("PETR4:B", 37.5)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toBe(0);
  });
});
