import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningBff } from "../../src/server.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { call, connect, connectError, startTestBff, until } from "../helpers/clients.ts";

/** The raw engine.io socket under a socket.io client: sends and receives socket.io packets as text. */
interface RawEngine {
  send(packet: string): void;
  on(event: "message", listener: (data: string) => void): void;
}

describe("a second handshake on one connection", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  beforeEach(async () => {
    feed = await FakeFeed.start();
    bff = await startTestBff(feed.url, "t", { RATE_SOCKET_REFUSED_PER_IP: 2 });
    await until(() => bff.feed.catalog.known);
  });
  afterEach(async () => {
    await bff.close();
    await feed.close();
  });

  /** Connects, leaves the namespace with a raw DISCONNECT, sends CONNECT again; resolves with the refusal's packet. */
  async function reconnectOnSameConnection(): Promise<{ data: { code: string } }> {
    const socket = await connect(bff.url);
    const engine = socket.io.engine as unknown as RawEngine;
    const refusal = new Promise<string>((r) => engine.on("message", (d) => void (d.startsWith("4") && r(d))));
    const before = bff.realtime.hub.stats().clients;
    engine.send("1"); // a socket.io DISCONNECT from "/": the connection stays open
    await until(() => bff.realtime.hub.stats().clients === before - 1);
    engine.send("0"); // and a CONNECT to "/" on it
    const packet = JSON.parse((await refusal).slice(1)) as { data: { code: string } };
    socket.disconnect();
    return packet;
  }

  // Once a socket has connected, the BFF lets go of the connection's upgrade request (realtime/handshake-release.ts).
  // socket.io-client never connects twice on one connection; a hand-made client can leave the namespace and CONNECT
  // again. That handshake used to throw a TypeError reading the released request; it is refused with a code.
  it("is refused with CONFLICT, and every other client is still served", async () => {
    const bystander = await connect(bff.url);
    expect(await reconnectOnSameConnection()).toMatchObject({ data: { code: "CONFLICT" } });
    expect(bff.realtime.hub.stats().clients).toBe(1);
    // The bystander's events are still answered (a malformed payload gets its validation error).
    expect((await call(bystander, "quotes:unsubscribe", null)).error.code).toBe("VALIDATION_FAILED");
    expect(bystander.connected).toBe(true);
    bystander.disconnect();
  });

  it("costs the IP a refused-handshake point, as every refusal does (RATE_SOCKET_REFUSED_PER_IP = 2 here)", async () => {
    expect((await reconnectOnSameConnection()).data.code).toBe("CONFLICT");
    expect((await reconnectOnSameConnection()).data.code).toBe("CONFLICT");
    expect((await connectError(bff.url, {})).data?.code).toBe("RATE_LIMITED");
  });
});
