import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Server } from "socket.io";
import { io as connectClient, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";
import { SocketDrain } from "./drain.ts";

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

async function serve(): Promise<{ http: HttpServer; io: Io; url: string }> {
  const http = createServer();
  const io: Io = new Server(http);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  return { http, io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

const open: Array<() => void> = [];
afterEach(() => open.splice(0).forEach((f) => f()));

async function client(url: string, transports: ("websocket" | "polling")[] = ["websocket"]): Promise<Socket> {
  const s = connectClient(url, { transports, forceNew: true, reconnection: false });
  open.push(() => s.disconnect());
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  return s;
}

describe("SocketDrain", () => {
  it("tells each socket to reconnect at its own moment within the window, then disconnects stragglers", async () => {
    const { io, url, http } = await serve();
    open.push(
      () => void io.close(),
      () => void http.close(),
    );
    const drain = new SocketDrain(io);
    const sockets = await Promise.all([1, 2, 3, 4].map(() => client(url)));
    const delays: number[] = [];
    for (const s of sockets) s.on("server:draining", ({ reconnectInMs }) => delays.push(reconnectInMs));
    let r = 0;
    const randoms = [0.05, 0.4, 0.7, 0.95];
    const result = await drain.drain({ spreadMs: 200, graceMs: 50, random: () => randoms[r++]! });
    expect(delays.sort((a, b) => a - b)).toEqual([10, 80, 140, 190]);
    // None of these clients obeys, so all four are still here after 200 + 50 ms and are disconnected.
    expect(result).toEqual({ told: 4, forced: 4 });
    expect(drain.phase.phase).toBe("draining");
  });

  it("returns as soon as the sockets have gone, without waiting out the window", async () => {
    const { io, url, http } = await serve();
    open.push(
      () => void io.close(),
      () => void http.close(),
    );
    const drain = new SocketDrain(io);
    const s = await client(url);
    s.on("server:draining", ({ reconnectInMs }) => setTimeout(() => s.disconnect(), reconnectInMs));
    const t0 = Date.now();
    const result = await drain.drain({ spreadMs: 100, graceMs: 5_000, random: () => 0.5 });
    expect(result).toEqual({ told: 1, forced: 0 });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("refuses new handshakes while draining (polling 503 DRAINING, WebSocket closed) but keeps existing sockets", async () => {
    const { io, url, http } = await serve();
    open.push(
      () => void io.close(),
      () => void http.close(),
    );
    const drain = new SocketDrain(io);
    const existing = await client(url);
    const pending = drain.drain({ spreadMs: 0, graceMs: 5_000 });
    const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "DRAINING" } });
    await expect(client(url)).rejects.toBeTruthy();
    await expect(client(url, ["polling"])).rejects.toBeTruthy();
    expect(existing.connected).toBe(true);
    existing.disconnect();
    expect(await pending).toEqual({ told: 1, forced: 0 });
  });
});
