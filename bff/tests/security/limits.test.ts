import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, next } from "../helpers/clients.ts";
import { fakeDaily } from "../helpers/fake-feed.ts";
import { connectWith, loginAs, spaHeaders, startSecureStack, type SecureStack } from "./harness.ts";

let s: SecureStack;
beforeAll(async () => {
  s = await startSecureStack();
});
afterAll(() => s.close());

async function expect413(res: Response): Promise<void> {
  expect(res.status).toBe(413);
  const body = (await res.json()) as { error: { code: string; requestId: string } };
  expect(body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  expect(body.error.requestId).toBeTruthy();
}

describe("HTTP body limit (16 KB on /api)", () => {
  const big = JSON.stringify({ username: "trader", password: "x".repeat(17 * 1024) });

  it("refuses an oversized JSON body with 413 in the standard envelope", async () => {
    await expect413(
      await fetch(`${s.url}/api/v1/auth/login`, { method: "POST", headers: spaHeaders(s.origin), body: big }),
    );
  });

  it("refuses an oversized chunked body (no Content-Length) too", async () => {
    const stream = new ReadableStream({
      start(ctl) {
        for (let i = 0; i < 40; i++) ctl.enqueue(new TextEncoder().encode("x".repeat(1024)));
        ctl.close();
      },
    });
    await expect413(
      await fetch(`${s.url}/api/v1/auth/login`, {
        method: "POST",
        headers: spaHeaders(s.origin),
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
  });

  it("a body just under the limit reaches validation (400 naming the field, not 413)", async () => {
    const body = JSON.stringify({ username: "trader", password: "x".repeat(15 * 1024) });
    const res = await fetch(`${s.url}/api/v1/auth/login`, {
      method: "POST",
      headers: spaHeaders(s.origin),
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "password" } });
  });

  it("a lying Content-Length cannot smuggle a bigger body past the check", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${s.url}/api/v1/auth/login`);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: "POST",
          headers: { ...spaHeaders(s.origin), "content-length": "20" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(big.slice(0, 20)); // Node's parser reads exactly Content-Length bytes; the rest is never a body
    });
    expect(status).toBe(400);
  });
});

describe("socket.io frame limit (maxHttpBufferSize 64 KB)", () => {
  it("an oversized frame closes that socket only; the server and other clients keep streaming", async () => {
    const cookie = await loginAs(s, "viewer");
    const victim = await connectWith(s.url, cookie, s.origin);
    const other = await connectWith(s.url, cookie, s.origin);
    expect(await call(other, "quotes:subscribe", { assets: ["PETR4:B"] })).toMatchObject({ ok: true });

    const closed = new Promise<string>((r) => victim.once("disconnect", (reason) => r(reason)));
    victim.emit(
      "quotes:subscribe",
      { assets: ["PETR4:B"], pad: "x".repeat(70 * 1024) } as never,
      () => undefined,
    );
    expect(await closed).toBe("transport close");

    s.feed.broadcast({ type: "daily", asset: "PETR4:B", daily: fakeDaily(10.5) });
    const q = await next(other, "quotes:updated", (qs) =>
      qs.some((x) => x.asset === "PETR4:B" && x.last === 10.5),
    );
    expect(q.length).toBeGreaterThan(0);
    expect(other.connected).toBe(true);
    expect((await fetch(`${s.url}/health/live`)).status).toBe(200);
    const again = await connectWith(s.url, cookie, s.origin); // the server still accepts sockets
    expect(again.connected).toBe(true);
    again.disconnect();
    other.disconnect();
  });

  it("a frame just under the limit is answered (VALIDATION_FAILED), the socket stays", async () => {
    const cookie = await loginAs(s, "viewer");
    const sock = await connectWith(s.url, cookie, s.origin);
    const assets = Array.from({ length: 5000 }, () => "PETR4:B"); // ~50 KB
    const ack = await call(sock, "quotes:subscribe", { assets });
    expect(ack).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", field: "assets" } });
    expect(sock.connected).toBe(true);
    sock.disconnect();
  });
});
