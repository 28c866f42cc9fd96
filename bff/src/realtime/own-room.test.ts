import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Server, type Socket as ServerSocket } from "socket.io";
import { io as connectClient } from "socket.io-client";
import { leaveOwnRoom } from "./own-room.ts";

const open: Array<() => void> = [];
afterEach(() => open.splice(0).forEach((f) => f()));

describe("leaveOwnRoom", () => {
  it("keeps a socket in the rooms it joins and out of the one named after its id", async () => {
    const http = createServer();
    const io = new Server(http);
    const connected: ServerSocket[] = [];
    io.on("connection", (socket) => {
      void socket.join("session:x");
      connected.push(socket);
    });
    leaveOwnRoom(io);
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    open.push(
      () => void io.close(),
      () => void http.close(),
    );
    const client = connectClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    open.push(() => client.disconnect());
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    const socket = connected[0]!;
    expect([...socket.rooms]).toEqual(["session:x"]);
    expect(io.of("/").adapter.rooms.has(socket.id)).toBe(false);
    // Still reachable through its rooms.
    const got = new Promise<string>((resolve) => client.once("hello", resolve));
    io.to("session:x").emit("hello", "there");
    await expect(got).resolves.toBe("there");
  });
});
