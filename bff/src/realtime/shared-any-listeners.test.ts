import { afterEach, describe, expect, it } from "vitest";
import type { Socket as ServerSocket } from "socket.io";
import type { Socket } from "socket.io-client";
import { closeAll, ioClient, ioServer, type Opened } from "../../tests/helpers/io-loopback.ts";
import { compactSocketArrays } from "./exact-arrays.ts";
import { sharedAnyListener } from "./shared-any-listeners.ts";

const open: Opened = [];
afterEach(() => closeAll(open));

const fields = (socket: ServerSocket) =>
  socket as unknown as { _anyListeners: unknown[]; _anyOutgoingListeners: unknown[] };

describe("sharedAnyListener", () => {
  it("gives every socket one frozen list, through which each still counts what it receives and sends", async () => {
    const { io, url } = await ioServer(open);
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
    const client = async (): Promise<Socket> => {
      return ioClient(open, url);
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
    const { io, url } = await ioServer(open);
    const seen: string[] = [];
    const share = sharedAnyListener("_anyListeners", (event) => seen.push(`shared ${event}`));
    const connected: ServerSocket[] = [];
    io.on("connection", (socket) => {
      socket.onAny((event: string) => seen.push(`own ${event}`));
      share(socket);
      connected.push(socket);
    });
    const s = await ioClient(open, url);
    const received = new Promise<void>((resolve) => connected[0]!.once("ping-me", () => resolve()));
    s.emit("ping-me");
    await received;
    expect(seen).toEqual(["own ping-me", "shared ping-me"]);
    expect(Object.isFrozen(fields(connected[0]!)._anyListeners)).toBe(false);
  });
});
