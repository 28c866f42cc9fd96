import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/clients.ts";
import { connectWith, demo, login, loginAs, startSecureStack, type SecureStack } from "./harness.ts";

const expectLimitHeaders = (res: Response, limited: boolean) => {
  expect(Number(res.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
  expect(res.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
  expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
  if (limited) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  else expect(res.headers.get("retry-after")).toBeNull();
};

async function expect429(res: Response): Promise<void> {
  expect(res.status).toBe(429);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
  expectLimitHeaders(res, true);
}

describe("login brute force (memory limiters)", () => {
  let s: SecureStack;
  beforeAll(async () => {
    s = await startSecureStack({ RATE_LOGIN_USER_FAILURES: 3, RATE_LOGIN_IP: 12, RATE_API_PER_MIN: 0 });
  });
  afterAll(() => s.close());

  it("delays a username from one address after N failures — even the right password gets 429 — and audits it", async () => {
    for (let i = 0; i < 3; i++) expect((await login(s, "trader", "wrong")).status).toBe(401);
    await expect429(await login(s, "trader", demo.trader));
    expect((await login(s, "risk", demo.risk)).status).toBe(200); // other users unaffected
    const lines = s.auditLines();
    expect(lines.filter((l) => l.event === "login.failure")).toHaveLength(3);
    expect(lines.some((l) => l.event === "rate.limited" && l.outcome === "denied")).toBe(true);
  });

  it("a success before the limit resets the username's counter", async () => {
    for (let i = 0; i < 2; i++) expect((await login(s, "viewer", "wrong")).status).toBe(401);
    expect((await login(s, "viewer", demo.viewer)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(s, "viewer", "wrong")).status).toBe(401);
    expect((await login(s, "viewer", demo.viewer)).status).toBe(200);
  });

  it("limits one IP spraying many usernames; headers on success too", async () => {
    // 3 + 1 + 1 + 4 attempts above; spend the rest of the 12 on made-up users.
    let res = await login(s, "nobody-0", "x");
    expectLimitHeaders(res, false);
    for (let i = 1; res.status !== 429 && i < 20; i++) res = await login(s, `nobody-${i}`, "x");
    await expect429(res);
    await expect429(await login(s, "risk", demo.risk)); // the right password from this IP is refused too
  });
});

describe("API limit per session", () => {
  let s: SecureStack;
  beforeAll(async () => {
    s = await startSecureStack({ RATE_API_PER_MIN: 4, RATE_LOGIN_IP: 100 });
  });
  afterAll(() => s.close());

  it("429 with Retry-After after N requests in a minute; RateLimit-* on every response; per session", async () => {
    // Logins are anonymous requests, counted per IP; each session then has its own bucket.
    const a = await loginAs(s, "trader");
    const b = await loginAs(s, "viewer");
    for (let i = 4; i > 0; i--) {
      const res = await fetch(`${s.url}/api/v1/session`, { headers: { cookie: a } });
      expect(res.status).toBe(200);
      expectLimitHeaders(res, false);
      expect(res.headers.get("ratelimit-remaining")).toBe(String(i - 1));
    }
    await expect429(await fetch(`${s.url}/api/v1/session`, { headers: { cookie: a } }));
    expect((await fetch(`${s.url}/api/v1/session`, { headers: { cookie: b } })).status).toBe(200);
  });
});

describe("Redis-backed limits", () => {
  const redis = new Redis("redis://127.0.0.1:6379");
  const prefix = `test-perimeter-${randomUUID()}:`;
  const stacks: SecureStack[] = [];
  afterAll(async () => {
    await Promise.all(stacks.map((x) => x.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("two BFFs on one Redis share the login delays", async () => {
    const cfg = {
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: prefix,
      RATE_LOGIN_USER_FAILURES: 4,
    };
    const [one, two] = await Promise.all([startSecureStack(cfg), startSecureStack(cfg)]);
    stacks.push(one!, two!);
    await new Promise((r) => setTimeout(r, 200)); // let both limiter clients reach "ready"
    for (const x of [one!, two!, one!, two!]) expect((await login(x, "trader", "wrong")).status).toBe(401);
    await expect429(await login(one!, "trader", demo.trader));
    await expect429(await login(two!, "trader", demo.trader));
    expect((await redis.keys(`${prefix}rl:login-pair-fail:*`)).length).toBe(1);
  });
});

describe("socket events per socket", () => {
  let s: SecureStack;
  beforeAll(async () => {
    s = await startSecureStack({ RATE_SOCKET_EVENTS: 5, RATE_SOCKET_WINDOW_S: 60 });
  });
  afterAll(() => s.close());

  it("acks RATE_LIMITED past the limit, keeps the socket connected, other sockets unaffected", async () => {
    const cookie = await loginAs(s, "viewer");
    const noisy = await connectWith(s.url, cookie, s.origin);
    const calm = await connectWith(s.url, cookie, s.origin);
    const acks = [];
    for (let i = 0; i < 8; i++) acks.push(await call(noisy, "quotes:unsubscribe", { assets: ["PETR4:B"] }));
    expect(acks.slice(0, 5).every((a) => a.ok === true)).toBe(true);
    for (const a of acks.slice(5)) {
      expect(a).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
      expect(a.error.details.retryAfter).toBeGreaterThan(0);
    }
    expect(noisy.connected).toBe(true);
    expect(await call(calm, "quotes:subscribe", { assets: ["PETR4:B"] })).toMatchObject({ ok: true });
    noisy.disconnect();
    calm.disconnect();
  });
});
