import { afterEach, describe, expect, it } from "vitest";
import type { Socket as ServerSocket } from "socket.io";
import { closeAll, ioClient, ioServer, type Opened } from "../../tests/helpers/io-loopback.ts";
import { leaveOwnRoom } from "./own-room.ts";

const open: Opened = [];
afterEach(() => closeAll(open));

describe("leaveOwnRoom", () => {
  it("keeps a socket in the rooms it joins and out of the one named after its id", async () => {
    const { io, url } = await ioServer(open);
    const connected: ServerSocket[] = [];
    io.on("connection", (socket) => {
      void socket.join("session:x");
      connected.push(socket);
    });
    leaveOwnRoom(io);
    const client = await ioClient(open, url);
    const socket = connected[0]!;
    expect([...socket.rooms]).toEqual(["session:x"]);
    expect(io.of("/").adapter.rooms.has(socket.id)).toBe(false);
    // Still reachable through its rooms.
    const got = new Promise<string>((resolve) => client.once("hello", resolve));
    io.to("session:x").emit("hello", "there");
    await expect(got).resolves.toBe("there");
  });
});
