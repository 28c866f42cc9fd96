import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { delayAfter } from "./login-backoff.ts";
import { createLoginGuard, type LoginGuardOptions, type LoginSource } from "./login-guard.ts";
import { RateLimitedError, createLimiterFactory } from "./rate-limit.ts";

const defaults: LoginGuardOptions = {
  perIp: 20,
  failuresPerUser: 3,
  backstopPerUser: 10,
  windowSec: 3600,
  baseDelaySec: 1,
  maxDelaySec: 60,
  knownSec: 30 * 86400,
};
const guard = (o: Partial<LoginGuardOptions> = {}) =>
  createLoginGuard(createLimiterFactory(), { ...defaults, ...o });

/** One wrong password: begin (may throw 429) + failed. */
async function fail(g: ReturnType<typeof guard>, src: LoginSource, user: string): Promise<void> {
  await (await g.begin(src, user)).failed();
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof RateLimitedError ? e : Promise.reject(e)),
  );
const retryAfter = (e: RateLimitedError | null) => Number(e?.headers["Retry-After"]);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("delayAfter", () => {
  it("none before the free failures, then doubling from base up to max", () => {
    const spec = { free: 3, baseSec: 1, maxSec: 60 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => delayAfter(n, spec))).toEqual([
      0, 0, 1, 2, 4, 8, 16, 32, 60, 60,
    ]);
    expect(delayAfter(1e6, spec)).toBe(60);
    expect(delayAfter(50, { ...spec, free: 0 })).toBe(0);
  });
});

describe("login guard", () => {
  const attacker = { ip: "10.0.0.66" };
  const office = { ip: "10.0.0.7" };

  it("delays one username + IP with a growing Retry-After, and never refuses another IP", async () => {
    const g = guard();
    for (let i = 0; i < 3; i++) await fail(g, attacker, "risk");
    const seen: number[] = [];
    for (let round = 0; round < 4; round++) {
      const e = await refusal(g.begin(attacker, "risk"));
      expect(e?.code).toBe("RATE_LIMITED");
      seen.push(retryAfter(e));
      await vi.advanceTimersByTimeAsync(retryAfter(e) * 1000);
      await fail(g, attacker, "risk"); // one real guess per delay
    }
    expect(seen).toEqual([1, 2, 4, 8]);
    await expect(g.begin(office, "risk")).resolves.toMatchObject({ info: { limited: false } });
  });

  it("counts the user from one IP separately from the same user elsewhere; names in any case", async () => {
    const g = guard();
    for (let i = 0; i < 3; i++) await fail(g, attacker, "Risk ");
    expect(await refusal(g.begin(attacker, "risk"))).toBeInstanceOf(RateLimitedError);
    expect(await refusal(g.begin(attacker, "trader"))).toBeNull();
  });

  it("a success from the same source clears its count; remaining shows in info", async () => {
    const g = guard();
    await fail(g, office, "viewer");
    expect((await g.begin(office, "viewer")).info).toMatchObject({ limit: 3, remaining: 2 });
    await (await g.begin(office, "viewer")).succeeded();
    for (let i = 0; i < 2; i++) await fail(g, office, "viewer");
    expect(await refusal(g.begin(office, "viewer"))).toBeNull();
  });

  it("limits one IP spraying many usernames", async () => {
    const g = guard({ perIp: 5 });
    for (let i = 0; i < 5; i++) await fail(g, attacker, `user-${i}`);
    const e = await refusal(g.begin(attacker, "someone-else"));
    expect(e?.message).toMatch(/address/);
    expect(await refusal(g.begin(office, "someone-else"))).toBeNull();
  });

  it("backstop: many sources guessing one user delay unfamiliar sources, not a familiar IP or device", async () => {
    const rejected: string[] = [];
    const g = guard({ onRejected: (l) => rejected.push(l) });
    const home = await (await g.begin({ ip: "192.168.1.2" }, "risk")).succeeded();
    for (let i = 0; i < 10; i++) await fail(g, { ip: `172.16.0.${i}` }, "risk");
    expect(await refusal(g.begin({ ip: "172.16.9.9" }, "risk"))).toBeInstanceOf(RateLimitedError);
    expect(rejected).toEqual(["login_backstop"]);
    expect(await refusal(g.begin({ ip: "192.168.1.2" }, "risk"))).toBeNull(); // logged in from here before
    expect(await refusal(g.begin({ ip: "203.0.113.5", device: home.device }, "risk"))).toBeNull(); // its cookie
    expect(await refusal(g.begin({ ip: "203.0.113.5", device: home.device }, "trader"))).toBeNull();
  });

  it("a known device is its own bucket: the attacker's IP and the user's pair there do not hold it", async () => {
    const g = guard({ perIp: 3 });
    const shared = { ip: "10.1.1.1" }; // an office NAT the attacker shares with the real user
    const { device } = await (await g.begin(shared, "risk")).succeeded();
    for (let i = 0; i < 3; i++) await fail(g, shared, "risk");
    expect(await refusal(g.begin(shared, "risk"))).toBeInstanceOf(RateLimitedError);
    const real = await g.begin({ ...shared, device }, "risk");
    expect((await real.succeeded()).device).toBe(device);
  });

  it("a device id never seen with this user counts as no device", async () => {
    const g = guard();
    for (let i = 0; i < 3; i++) await fail(g, { ip: attacker.ip, device: "AAAAAAAAAAAAAAAAAAAAAA" }, "risk");
    expect(await refusal(g.begin(attacker, "risk"))).toBeInstanceOf(RateLimitedError);
  });

  it("the count starts again after the window", async () => {
    const g = guard({ windowSec: 600 });
    for (let i = 0; i < 3; i++) await fail(g, attacker, "risk");
    await vi.advanceTimersByTimeAsync(600_000);
    expect((await g.begin(attacker, "risk")).info.remaining).toBe(3);
  });

  it("limits of 0 switch the guard off", async () => {
    const g = guard({ perIp: 0, failuresPerUser: 0, backstopPerUser: 0 });
    for (let i = 0; i < 10; i++) await fail(g, attacker, "x");
    expect(await refusal(g.begin(attacker, "x"))).toBeNull();
  });
});
