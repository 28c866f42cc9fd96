import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type ServerOptions } from "socket.io";
import { io as connectClient, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";

/** What a test opened; the test's `afterEach` closes it all (`closeAll`). */
export type Opened = Array<() => unknown>;

/** Runs every closer of `open`, newest first, and empties it. */
export async function closeAll(open: Opened): Promise<void> {
  for (const close of open.splice(0).reverse()) await close();
}

/** A bare socket.io server listening on a loopback port, closed with `open`. Register listeners before any client. */
export async function ioServer(
  open: Opened,
  options: Partial<ServerOptions> = {},
): Promise<{ io: Server; url: string }> {
  const http = createServer();
  const io = new Server(http, options);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  open.push(
    () => new Promise((r) => http.close(r)),
    () => io.close(),
  );
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

/** A client of `url` (websocket only, no reconnection unless told), connected; rejects on `connect_error`. */
export async function ioClient(
  open: Opened,
  url: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Socket> {
  const client = connectClient(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...options,
  });
  open.push(() => client.disconnect());
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("connect_error", reject);
  });
  return client;
}
