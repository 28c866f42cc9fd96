import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningBff } from "../../src/server.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { call, connect, startTestBff, until } from "../helpers/clients.ts";

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
    bff = await startTestBff(feed.url, "t");
    await until(() => bff.feed.catalog.known);
  });
  afterEach(async () => {
    await bff.close();
    await feed.close();
  });

  // Once a socket has connected, the BFF lets go of the connection's upgrade request (realtime/handshake-release.ts).
  // socket.io-client never connects twice on one connection; a hand-made client can leave the namespace and CONNECT
  // again. That handshake used to throw a TypeError reading the released request; it is refused with a code.
  it("is refused with CONFLICT, and every other client is still served", async () => {
    const attacker = await connect(bff.url);
    const bystander = await connect(bff.url);
    const engine = attacker.io.engine as unknown as RawEngine;
    const refusal = new Promise<string>((r) => engine.on("message", (d) => void (d.startsWith("4") && r(d))));
    engine.send("1"); // a socket.io DISCONNECT from "/": the connection stays open
    await until(() => bff.realtime.hub.stats().clients === 1);
    engine.send("0"); // and a CONNECT to "/" on it
    expect(JSON.parse((await refusal).slice(1))).toMatchObject({ data: { code: "CONFLICT" } });
    expect(bff.realtime.hub.stats().clients).toBe(1);
    // The bystander's events are still answered (a malformed payload gets its validation error).
    expect((await call(bystander, "quotes:unsubscribe", null)).error.code).toBe("VALIDATION_FAILED");
    expect(bystander.connected).toBe(true);
    attacker.disconnect();
    bystander.disconnect();
  });
});
