import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Config } from "../../src/env.ts";
import { demo, spaHeaders, startSecureStack, type SecureStack } from "./harness.ts";

/**
 * Brute force against `risk` (the kill-switch operator) from one address while the real risk officer logs in from
 * another: the attacker is throttled with growing delays, the real user always gets in. Each client binds its own
 * loopback address (127.0.0.x), so the BFF sees distinct TCP peers exactly as it would distinct machines.
 */
const ATTACKER = "127.0.0.66";
const REAL_USER = "127.0.0.2";
const NEW_PLACE = "127.0.0.3";
const SPRAYER = "127.0.0.99";

interface Answer {
  status: number;
  code?: string;
  retryAfter: number | null;
  cookies: string[];
}

/** POST /api/v1/auth/login from `localAddress`, optionally sending a Cookie header. */
function loginFrom(
  s: SecureStack,
  localAddress: string,
  username: string,
  password: string,
  cookie?: string,
): Promise<Answer> {
  const url = new URL("/api/v1/auth/login", s.url);
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        localAddress,
        headers: { ...spaHeaders(s.origin, cookie), "content-length": body.length },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          const error =
            res.statusCode === 200 ? undefined : (JSON.parse(text) as { error: { code: string } });
          const retry = res.headers["retry-after"];
          resolve({
            status: res.statusCode ?? 0,
            ...(error ? { code: error.error.code } : {}),
            retryAfter: retry === undefined ? null : Number(retry),
            cookies: res.headers["set-cookie"] ?? [],
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const deviceCookieOf = (a: Answer) =>
  a.cookies.find((c) => c.startsWith("__Host-pregao_dev="))?.split(";")[0] ?? undefined;

const limits: Partial<Config> = {
  RATE_LOGIN_USER_FAILURES: 3, // the attacker's own pair: 3 guesses, then 1 s, 2 s, 4 s …
  RATE_LOGIN_IP: 6,
  RATE_LOGIN_USER_BACKSTOP: 4, // low on purpose: the attack passes it, and familiar sources must still get in
  RATE_LOGIN_DELAY_BASE_S: 1,
  RATE_API_PER_MIN: 0,
};

const stores: Array<[string, () => Partial<Config>]> = [
  ["memory limiters", () => ({})],
  [
    "Redis limiters",
    () => ({ REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: `test-lockout-${randomUUID()}:` }),
  ],
];

describe.each(stores)("login throttling (%s)", (_name, store) => {
  let s: SecureStack;
  const cfg = store();
  beforeAll(async () => {
    s = await startSecureStack({ ...limits, ...cfg });
    if (cfg.REDIS_URL) await new Promise((r) => setTimeout(r, 200)); // let the limiter client reach "ready"
  });
  afterAll(async () => {
    await s.close();
    if (cfg.REDIS_URL) {
      const redis = new Redis(cfg.REDIS_URL);
      const keys = await redis.keys(`${cfg.REDIS_KEY_PREFIX}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  const realLogin = async (from: string, cookie?: string) => {
    const a = await loginFrom(s, from, "risk", demo.risk, cookie);
    expect(a, `real user from ${from}`).toMatchObject({ status: 200 });
    return a;
  };
  const failuresFrom = (ip: string) =>
    s.auditLines().filter((l) => l.event === "login.failure" && l.ip === ip).length;

  it("the attacker stays throttled with growing delays; the real user logs in throughout", async () => {
    const first = await realLogin(REAL_USER); // the officer's usual workstation, before the attack
    const device = deviceCookieOf(first);
    expect(device).toBeDefined();

    for (let i = 0; i < 3; i++) {
      expect((await loginFrom(s, ATTACKER, "risk", `guess-${i}`)).status).toBe(401);
      await realLogin(REAL_USER, device);
    }
    const held = await loginFrom(s, ATTACKER, "risk", "guess-x");
    expect(held).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfter: 1 });
    // The right password from the attacker's address is refused too: nothing is checked while a delay runs.
    expect((await loginFrom(s, ATTACKER, "risk", demo.risk)).status).toBe(429);
    await realLogin(REAL_USER, device);
    await realLogin(REAL_USER); // no cookie: the address logged in as risk before

    await new Promise((r) => setTimeout(r, 1100)); // sit out the 1 s delay: one more guess, then a longer delay
    expect((await loginFrom(s, ATTACKER, "risk", "guess-4")).status).toBe(401);
    const longer = await loginFrom(s, ATTACKER, "risk", "guess-5");
    expect(longer).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(longer.retryAfter).toBeGreaterThan(held.retryAfter ?? 0);

    // 4 failures passed the per-user backstop: a never-seen address is delayed too, but the officer's device is not.
    expect((await loginFrom(s, NEW_PLACE, "risk", demo.risk)).status).toBe(429);
    await realLogin(NEW_PLACE, device);
    for (let i = 0; i < 3; i++) await realLogin(REAL_USER, device);
    // Only the 4 real guesses reached the password check.
    await vi.waitFor(() => expect(failuresFrom(ATTACKER)).toBe(4));
  });

  it("one address spraying many usernames is throttled; other addresses are not", async () => {
    for (let i = 0; i < 6; i++) expect((await loginFrom(s, SPRAYER, `nobody-${i}`, "x")).status).toBe(401);
    const res = await loginFrom(s, SPRAYER, "nobody-7", "x");
    expect(res).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(res.retryAfter).toBeGreaterThan(0);
    expect((await loginFrom(s, SPRAYER, "trader", demo.trader)).status).toBe(429);
    expect((await loginFrom(s, REAL_USER, "trader", demo.trader)).status).toBe(200);
  });
});
