import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountsResponseSchema, sessionResponseSchema } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import type { AuditEvent } from "../../src/session/audit-sink.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { startTestBff } from "../helpers/clients.ts";
import { browserHeaders, login, sessionCookieOf } from "../helpers/session.ts";

const IDLE = 60_000;
const ABSOLUTE = 300_000;

describe("session over HTTP (security checklist)", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  const clock = { t: Date.now() };
  const audit: AuditEvent[] = [];
  const get = (path: string, cookie?: string) =>
    fetch(`${bff.url}${path}`, { headers: cookie ? { cookie } : {} });
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${bff.url}${path}`, {
      method: "POST",
      headers: browserHeaders(bff.url, cookie),
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    clock.t = Date.now();
    audit.length = 0;
    feed = await FakeFeed.start();
    bff = await startTestBff(
      feed.url,
      "t",
      { SESSION_IDLE_MS: IDLE, SESSION_ABSOLUTE_MS: ABSOLUTE },
      { now: () => clock.t, audit: { record: (e) => audit.push(e) } },
    );
  });
  afterEach(async () => {
    await bff.close();
    await feed.close();
  });

  it("cookie flags: __Host- prefix, HttpOnly, Secure, SameSite=Strict, Path=/, ≥128-bit id", async () => {
    const res = await post("/api/v1/auth/login", { username: "trader", password: "pregao-trader" });
    expect(res.status).toBe(200);
    const set = res.headers.getSetCookie().find((c) => c.startsWith("__Host-pregao_sid="))!;
    const attrs = set.split(";").map((a) => a.trim());
    expect(attrs).toEqual(
      expect.arrayContaining([
        "Path=/",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        `Max-Age=${ABSOLUTE / 1000}`,
      ]),
    );
    expect(set).not.toMatch(/domain=/i);
    const sid = attrs[0]!.slice("__Host-pregao_sid=".length);
    expect(Buffer.from(sid, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    const body = sessionResponseSchema.parse(await res.json());
    expect(body).toMatchObject({ user: { username: "trader", roles: ["trader"] }, method: "password" });
    expect(JSON.stringify(body)).not.toContain(sid); // the id is never in a body the page can read
  });

  it("session fixation: login with a pre-set cookie issues a new id and ends the old session", async () => {
    const old = await login(bff.url, "viewer");
    const res = await post("/api/v1/auth/login", { username: "trader", password: "pregao-trader" }, old);
    const fresh = sessionCookieOf(res)!;
    expect(fresh).not.toBe(old);
    expect((await get("/api/v1/session", old)).status).toBe(401);
    expect((await get("/api/v1/session", fresh)).status).toBe(200);
    // An attacker-chosen id is never adopted either.
    const planted = `__Host-pregao_sid=${"A".repeat(43)}`;
    const res2 = await post("/api/v1/auth/login", { username: "trader", password: "pregao-trader" }, planted);
    expect(sessionCookieOf(res2)).not.toBe(planted);
  });

  it("bad credentials: 401 with one generic message for a wrong password and an unknown user, no session", async () => {
    for (const body of [
      { username: "trader", password: "wrong-password" },
      { username: "mallory", password: "wrong-password" },
    ]) {
      const res = await post("/api/v1/auth/login", body);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { code: "UNAUTHENTICATED", message: "invalid username or password" },
      });
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    expect(audit.filter((e) => e.type === "login.failure").map((e) => e.user)).toEqual(["trader", "mallory"]);
    expect(JSON.stringify(audit)).not.toContain("wrong-password");
  });

  it("no cookie or an unknown cookie: 401 UNAUTHENTICATED on session-only routes", async () => {
    for (const cookie of [undefined, `__Host-pregao_sid=${"B".repeat(43)}`, "__Host-pregao_sid=junk"]) {
      const res = await get("/api/v1/session", cookie);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
    expect((await get("/api/v1/instruments")).status).toBe(401);
    expect((await get("/health/live")).status).toBe(200);
  });

  it("idle timeout: 401 SESSION_EXPIRED and the cookie cleared; activity slides the timer", async () => {
    const cookie = await login(bff.url, "trader");
    clock.t += IDLE - 1000;
    expect((await get("/api/v1/session", cookie)).status).toBe(200);
    clock.t += IDLE - 1000;
    expect((await get("/api/v1/session", cookie)).status).toBe(200);
    clock.t += IDLE;
    const res = await get("/api/v1/session", cookie);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "SESSION_EXPIRED" } });
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-pregao_sid=;.*Max-Age=0/);
    expect(audit.some((e) => e.type === "session.expired")).toBe(true);
    expect((await get("/api/v1/session", cookie)).status).toBe(401);
  });

  it("absolute timeout: ends an active session at 8 h (here 5 min) regardless of activity", async () => {
    const cookie = await login(bff.url, "trader");
    for (let i = 0; i < 9; i++) {
      clock.t += IDLE / 2; // active every 30 s: never idle
      expect((await get("/api/v1/session", cookie)).status).toBe(200);
    }
    clock.t += ABSOLUTE - 9 * (IDLE / 2);
    const res = await get("/api/v1/instruments", cookie);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "SESSION_EXPIRED" } });
  });

  it("revoked (logout): 204, cookie cleared, the old cookie is dead server-side", async () => {
    const cookie = await login(bff.url, "risk");
    const res = await post("/api/v1/auth/logout", {}, cookie);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-pregao_sid=;.*Max-Age=0/);
    const replay = await get("/api/v1/session", cookie);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(audit.map((e) => e.type)).toEqual(["login.success", "logout"]);
  });

  it("GET /api/v1/session tells the SPA who is logged in and what they may do", async () => {
    const res = await get("/api/v1/session", await login(bff.url, "risk"));
    const body = sessionResponseSchema.parse(await res.json());
    expect(body.user).toMatchObject({ username: "risk", displayName: "Demo Risk Officer", roles: ["risk"] });
    expect(body.permissions).toContain("accounts:read:all");
    expect(body.expiresAt - clock.t).toBe(ABSOLUTE);
    expect(body.idleExpiresAt - clock.t).toBe(IDLE);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("accounts: own for trader, every account for risk, 403 FORBIDDEN for viewer (audited)", async () => {
    const trader = accountsResponseSchema.parse(
      await (await get("/api/v1/accounts", await login(bff.url, "trader"))).json(),
    );
    expect(trader.accounts).toEqual([
      { brokerId: 308, accountId: "10001", owner: "trader", brokerName: "Clear" },
      { brokerId: 308, accountId: "10002", owner: "trader", brokerName: "Clear" },
    ]);
    const risk = accountsResponseSchema.parse(
      await (await get("/api/v1/accounts", await login(bff.url, "risk"))).json(),
    );
    expect(risk.accounts.map((a) => a.accountId)).toEqual(["10001", "10002"]);
    const viewer = await get("/api/v1/accounts", await login(bff.url, "viewer"));
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(audit).toContainEqual(
      expect.objectContaining({ type: "access.denied", user: "viewer", permission: "accounts:read:own" }),
    );
  });
});
