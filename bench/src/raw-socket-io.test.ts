import { createServer, type Server as HttpServer } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";
import { RawSocketIo, SocketIoRefusedError, socketIoUrl } from "./raw-socket-io.ts";

let http: HttpServer | undefined;
let io: Server | undefined;

async function serve(setup: (io: Server) => void, pingIntervalMs = 25_000): Promise<string> {
  http = createServer();
  io = new Server(http, { transports: ["websocket"], pingInterval: pingIntervalMs, pingTimeout: 1_000 });
  setup(io);
  await new Promise<void>((res) => http!.listen(0, "127.0.0.1", res));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await io?.close();
  io = undefined;
  http = undefined;
});

describe("RawSocketIo against a real socket.io server", () => {
  it("connects with the given headers, gets an ack and receives events as text frames", async () => {
    let cookie: string | undefined;
    const url = await serve((s) =>
      s.on("connection", (socket) => {
        cookie = socket.handshake.headers.cookie;
        socket.on("quotes:subscribe", (body: { assets: string[] }, ack: (r: unknown) => void) => {
          ack({ ok: true, assets: body.assets });
          socket.emit("quotes:updated", [{ asset: body.assets[0], exchangeTs: 1, receivedAt: 2 }]);
        });
      }),
    );
    const client = new RawSocketIo({ url, headers: { cookie: "sid=abc" }, timeoutMs: 2_000 });
    const frames: string[] = [];
    client.onEvent = (f) => frames.push(f);
    await client.connected;
    expect(cookie).toBe("sid=abc");
    await expect(client.emitWithAck("quotes:subscribe", { assets: ["PETR4"] }, 2_000)).resolves.toEqual({
      ok: true,
      assets: ["PETR4"],
    });
    await expect
      .poll(() => frames)
      .toEqual(['42["quotes:updated",[{"asset":"PETR4","exchangeTs":1,"receivedAt":2}]]']);
    client.close();
  });

  it("answers pings, so the server keeps the connection past its ping timeout", async () => {
    let disconnected = false;
    const url = await serve(
      (s) => s.on("connection", (socket) => socket.on("disconnect", () => (disconnected = true))),
      100,
    );
    const client = new RawSocketIo({ url, headers: {}, timeoutMs: 2_000 });
    await client.connected;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(disconnected).toBe(false);
    client.close();
  });

  it("rejects when the namespace refuses the connection, and reports the close", async () => {
    const url = await serve((s) => s.use((_socket, next) => next(new Error("UNAUTHENTICATED"))));
    const client = new RawSocketIo({ url, headers: {}, timeoutMs: 2_000 });
    let closed = false;
    client.onClose = () => (closed = true);
    await expect(client.connected).rejects.toBeInstanceOf(SocketIoRefusedError);
    await expect.poll(() => closed).toBe(true);
  });

  it("rejects on a connect timeout when the server accepts the connection and never answers", async () => {
    const silent = createNetServer(() => undefined);
    await new Promise<void>((res) => silent.listen(0, "127.0.0.1", res));
    const port = (silent.address() as AddressInfo).port;
    const client = new RawSocketIo({ url: `http://127.0.0.1:${port}`, headers: {}, timeoutMs: 300 });
    await expect(client.connected).rejects.toThrow("connect timeout");
    silent.close();
  });

  it("builds the websocket URL of the socket.io endpoint", () => {
    expect(socketIoUrl("http://127.0.0.1:8080")).toBe(
      "ws://127.0.0.1:8080/socket.io/?EIO=4&transport=websocket",
    );
    expect(socketIoUrl("https://127.0.0.1:8443/")).toBe(
      "wss://127.0.0.1:8443/socket.io/?EIO=4&transport=websocket",
    );
  });
});
