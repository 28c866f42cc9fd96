import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import type { RunningBff } from "../../src/server.ts";
import { permissionsOf } from "@pregao/contracts";
import { socketAuthOf } from "../../src/realtime/auth.ts";
import { hashSid } from "../../src/session/session-service.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { call, connect, connectError, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";
import { browserHeaders, login } from "../helpers/session.ts";

const IDLE = 60_000;

/** Resolves once the socket is disconnected by the server, with the session:ended reason it got first. */
function endedAndDisconnected(s: ClientSocket): Promise<{ reason: string; disconnect: string }> {
  return new Promise((resolve) => {
    let reason = "";
    s.once("session:ended", (p) => (reason = p.reason));
    s.once("disconnect", (why) => resolve({ reason, disconnect: why }));
  });
}

describe("session over socket.io (security checklist)", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  const clock = { t: Date.now() };
  const sockets: ClientSocket[] = [];
  const track = (s: ClientSocket) => (sockets.push(s), s);

  beforeEach(async () => {
    clock.t = Date.now();
    feed = await FakeFeed.start();
    bff = await startTestBff(
      feed.url,
      "t",
      { SESSION_IDLE_MS: IDLE, SESSION_REVALIDATE_MS: 50 },
      { now: () => clock.t },
    );
    await until(() => bff.feed.catalog.known);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await bff.close();
    await feed.close();
  });

  it("cross-site WebSocket hijacking: a valid cookie from Origin https://evil.example is refused", async () => {
    const cookie = await login(bff.url, "trader");
    const err = await connectError(bff.url, { cookie, origin: "https://evil.example" });
    expect(err.data?.code).toBe("ORIGIN_REJECTED");
  });

  it("a handshake without Origin is refused (non-browser clients must present one too)", async () => {
    const err = await connectError(bff.url, { cookie: await login(bff.url, "trader"), origin: null });
    expect(err.data?.code).toBe("ORIGIN_REJECTED");
  });

  it("a long-polling handshake (a same-origin GET: no Origin, Sec-Fetch-Site same-origin) is admitted; cross-site is not", async () => {
    const cookie = await login(bff.url, "trader");
    const polling = ["polling" as const];
    const sameOrigin = { "sec-fetch-site": "same-origin" };
    track(await connect(bff.url, { cookie, origin: null, headers: sameOrigin, transports: polling }));
    const crossSite = { "sec-fetch-site": "cross-site" };
    const err = await connectError(bff.url, {
      cookie,
      origin: null,
      headers: crossSite,
      transports: polling,
    });
    expect(err.data?.code).toBe("ORIGIN_REJECTED");
  });

  it("no cookie or an unknown cookie: handshake refused with UNAUTHENTICATED", async () => {
    expect((await connectError(bff.url, { cookie: null })).data?.code).toBe("UNAUTHENTICATED");
    const forged = `__Host-pregao_sid=${randomBytes(32).toString("base64url")}`;
    expect((await connectError(bff.url, { cookie: forged })).data?.code).toBe("UNAUTHENTICATED");
  });

  it("an expired session: handshake refused with SESSION_EXPIRED", async () => {
    const cookie = await login(bff.url, "trader");
    clock.t += IDLE + 1;
    expect((await connectError(bff.url, { cookie })).data?.code).toBe("SESSION_EXPIRED");
  });

  it("each socket's auth carries its user and its roles' permissions, one frozen copy per role list", async () => {
    const cookie = await login(bff.url, "trader");
    track(await connect(bff.url, { cookie }));
    track(await connect(bff.url, { cookie }));
    const [a, b] = [...bff.realtime.io.of("/").sockets.values()].map((s) => socketAuthOf(s)!);
    expect(a!.user.roles).toEqual(["trader"]);
    expect(a!.permissions).toEqual(permissionsOf(["trader"]));
    expect(b!.user.roles).toBe(a!.user.roles);
    expect(b!.permissions).toBe(a!.permissions);
    expect(Object.isFrozen(a!.permissions)).toBe(true);
  });

  it("event names from Object.prototype are unknown events, not access denials", async () => {
    const s = track(await connect(bff.url, { as: "viewer" }));
    for (const event of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      const ack = await call(s, event, {});
      expect(ack.error?.code, event).toBe("UNKNOWN_EVENT");
    }
    expect(s.connected).toBe(true);
  });

  it("logout ends every socket of that session (session:ended LOGGED_OUT, then disconnect), not others", async () => {
    const cookie = await login(bff.url, "trader");
    const [a, b] = [track(await connect(bff.url, { cookie })), track(await connect(bff.url, { cookie }))];
    const other = track(await connect(bff.url, { as: "viewer" }));
    expect((await call(a, "quotes:subscribe", { assets: ["PETR4:B"] })).ok).toBe(true);
    const endedA = endedAndDisconnected(a);
    const endedB = endedAndDisconnected(b);
    const res = await fetch(`${bff.url}/api/v1/auth/logout`, {
      method: "POST",
      headers: browserHeaders(bff.url, cookie),
    });
    expect(res.status).toBe(204);
    expect(await endedA).toEqual({ reason: "LOGGED_OUT", disconnect: "io server disconnect" });
    expect(await endedB).toEqual({ reason: "LOGGED_OUT", disconnect: "io server disconnect" });
    expect(other.connected).toBe(true);
    await until(
      () => bff.stats().conflation && (bff.stats().conflation as { clients: number }).clients === 1,
    );
  });

  it("idle expiry while connected: revalidation sends session:ended SESSION_EXPIRED and disconnects", async () => {
    const s = track(await connect(bff.url));
    const ended = endedAndDisconnected(s);
    clock.t += IDLE / 2;
    await new Promise((r) => setTimeout(r, 150)); // several revalidation ticks: still fine (and not touched)
    expect(s.connected).toBe(true);
    clock.t += IDLE / 2;
    expect(await ended).toEqual({ reason: "SESSION_EXPIRED", disconnect: "io server disconnect" });
  });

  it("an open socket does not keep the session alive (revalidation does not count as activity)", async () => {
    const cookie = await login(bff.url, "trader");
    track(await connect(bff.url, { cookie }));
    for (let i = 0; i < 4; i++) {
      clock.t += IDLE / 4;
      await new Promise((r) => setTimeout(r, 80));
    }
    const res = await fetch(`${bff.url}/api/v1/session`, { headers: { cookie } });
    expect(res.status).toBe(401);
  });

  it("revoked elsewhere (record gone from the store): socket ended with REVOKED within the revalidation period", async () => {
    const cookie = await login(bff.url, "trader");
    const s = track(await connect(bff.url, { cookie }));
    const ended = endedAndDisconnected(s);
    // What a logout on another instance looks like from here: the record just disappears.
    const sid = cookie.split("=")[1]!;
    await (bff.sessions as unknown as { store: { delete(h: string): Promise<unknown> } }).store.delete(
      hashSid(sid),
    );
    expect(await ended).toEqual({ reason: "REVOKED", disconnect: "io server disconnect" });
  });
});

describe("sessions shared in Redis by two BFF instances", () => {
  const prefix = `pregao:test:${randomBytes(6).toString("hex")}:`;
  let feed: FakeFeed;
  let a: RunningBff;
  let b: RunningBff;
  afterEach(async () => {
    await a?.close();
    await b?.close();
    await feed?.close();
    const redis = new Redis("redis://127.0.0.1:6379");
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("a login on A works on B, and a logout on A ends B's sockets with LOGGED_OUT (the cluster bus, not B's re-check)", async () => {
    feed = await FakeFeed.start();
    // B's own re-check would find the record gone and say REVOKED; the bus carries A's reason, LOGGED_OUT, first.
    const cfg = {
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: prefix,
      SESSION_REVALIDATE_MS: 60_000,
    };
    a = await startTestBff(feed.url, "t", cfg);
    b = await startTestBff(feed.url, "t", cfg);
    const cookie = await login(a.url, "trader");
    expect((await fetch(`${b.url}/api/v1/session`, { headers: { cookie } })).status).toBe(200);
    const s = await connect(b.url, { cookie });
    const ended = endedAndDisconnected(s);
    await fetch(`${a.url}/api/v1/auth/logout`, { method: "POST", headers: browserHeaders(a.url, cookie) });
    const t0 = Date.now();
    expect(await ended).toEqual({ reason: "LOGGED_OUT", disconnect: "io server disconnect" });
    expect(Date.now() - t0).toBeLessThan(1000);
    const redis = new Redis("redis://127.0.0.1:6379");
    const keys = await redis.keys(`${prefix}sess:*`);
    await redis.quit();
    expect(keys.every((k) => /sess:[0-9a-f]{64}$/.test(k))).toBe(true); // only hashes, never the raw id
  });
});
