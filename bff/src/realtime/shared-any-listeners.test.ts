import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Server, type Socket as ServerSocket } from "socket.io";
import { io as connectClient, type Socket } from "socket.io-client";
import { compactSocketArrays } from "./exact-arrays.ts";
import { sharedAnyListener } from "./shared-any-listeners.ts";

const open: Array<() => void> = [];
afterEach(() => open.splice(0).forEach((f) => f()));

const fields = (socket: ServerSocket) =>
  socket as unknown as { _anyListeners: unknown[]; _anyOutgoingListeners: unknown[] };

describe("sharedAnyListener", () => {
  it("gives every socket one frozen list, through which each still counts what it receives and sends", async () => {
    const http = createServer();
    const io = new Server(http);
    const incoming: string[] = [];
    const outgoing: string[] = [];
    const countIn = sharedAnyListener("_anyListeners", function (this: ServerSocket, event) {
      incoming.push(`${this.id === connected[0]?.id ? "a" : "b"} ${event}`);
    });
    const countOut = sharedAnyListener("_anyOutgoingListeners", (event) => outgoing.push(event));
    const connected: ServerSocket[] = [];
    io.on("connection", (socket) => {
      countIn(socket);
      countOut(socket);
      socket.on("echo", (v: string, ack: (v: string) => void) => ack(v));
      connected.push(socket);
    });
    compactSocketArrays(io); // leaves the shared lists shared
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    open.push(
      () => void io.close(),
      () => void http.close(),
    );
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const client = async (): Promise<Socket> => {
      const s = connectClient(url, { transports: ["websocket"], forceNew: true, reconnection: false });
      open.push(() => s.disconnect());
      await new Promise<void>((resolve, reject) => {
        s.once("connect", () => resolve());
        s.once("connect_error", reject);
      });
      return s;
    };
    const a = await client();
    const b = await client();
    const [sa, sb] = connected as [ServerSocket, ServerSocket];
    expect(fields(sa)._anyListeners).toBe(fields(sb)._anyListeners);
    expect(fields(sa)._anyOutgoingListeners).toBe(fields(sb)._anyOutgoingListeners);
    expect(Object.isFrozen(fields(sa)._anyListeners)).toBe(true);
    expect(Object.isFrozen(fields(sa)._anyOutgoingListeners)).toBe(true);

    await expect(a.emitWithAck("echo", "1")).resolves.toBe("1");
    await expect(b.emitWithAck("echo", "2")).resolves.toBe("2");
    expect(incoming).toEqual(["a echo", "b echo"]);
    const got = Promise.all([a, b].map((s) => new Promise((resolve) => s.once("hello", resolve))));
    sa.emit("hello", 1);
    io.emit("hello", 2); // a broadcast notifies each socket's outgoing listeners too
    await got;
    expect(outgoing).toEqual(["hello", "hello", "hello"]);
    // Adding to the shared list would add to every socket: it throws instead.
    expect(() => sa.onAny(() => undefined)).toThrow(TypeError);
    expect(() => sa.onAnyOutgoing(() => undefined)).toThrow(TypeError);

    const gone = new Promise<string>((resolve) => sa.once("disconnect", resolve));
    a.disconnect();
    await expect(gone).resolves.toBe("client namespace disconnect");
    await expect(b.emitWithAck("echo", "3")).resolves.toBe("3");
    expect(incoming).toEqual(["a echo", "b echo", "b echo"]);
  });

  it("adds to a socket's own list when it already has listeners there", async () => {
    const http = createServer();
    const io = new Server(http);
    const seen: string[] = [];
    const share = sharedAnyListener("_anyListeners", (event) => seen.push(`shared ${event}`));
    const connected: ServerSocket[] = [];
    io.on("connection", (socket) => {
      socket.onAny((event: string) => seen.push(`own ${event}`));
      share(socket);
      connected.push(socket);
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    open.push(
      () => void io.close(),
      () => void http.close(),
    );
    const s = connectClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    open.push(() => s.disconnect());
    await new Promise<void>((resolve) => s.once("connect", () => resolve()));
    const received = new Promise<void>((resolve) => connected[0]!.once("ping-me", () => resolve()));
    s.emit("ping-me");
    await received;
    expect(seen).toEqual(["own ping-me", "shared ping-me"]);
    expect(Object.isFrozen(fields(connected[0]!)._anyListeners)).toBe(false);
  });
});
