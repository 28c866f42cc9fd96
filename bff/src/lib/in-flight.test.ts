import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { trackInFlight } from "./in-flight.ts";

describe("trackInFlight", () => {
  it("counts requests being answered, skips ignored ones, and resolves idle when the last one is answered", async () => {
    const release: Array<() => void> = [];
    const server = createServer((req, res) => release.push(() => res.end("ok")));
    const inFlight = trackInFlight(server, (req) => req.url?.startsWith("/socket.io/") ?? false);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await inFlight.idle(10)).toBe(true);
    const order = fetch(`${url}/api/v1/orders`, { method: "POST" });
    const poll = fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    while (release.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(inFlight.count).toBe(1);
    expect(await inFlight.idle(30)).toBe(false); // bounded: the order is still being answered
    const idle = inFlight.idle(5_000);
    for (const f of release) f();
    expect(await idle).toBe(true);
    expect(inFlight.count).toBe(0);
    await Promise.all([order, poll]);
    inFlight.dispose();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
