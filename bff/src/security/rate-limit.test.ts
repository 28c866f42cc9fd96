import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimiterFactory, limitHeaders, take } from "./rate-limit.ts";

const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
const prefix = `test:rl:${randomUUID()}`;

beforeAll(async () => {
  await redis.ping(); // limiters refuse a not-yet-ready client (they use the insurance limiter instead)
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe("limiter factory", () => {
  it("memory by default: counts points, then limits with the time left", async () => {
    const l = createLimiterFactory()({ name: "m", points: 2, durationSec: 60 });
    expect(await take(l, "k")).toMatchObject({ limit: 2, remaining: 1, limited: false });
    expect(await take(l, "k")).toMatchObject({ remaining: 0, limited: false });
    const third = await take(l, "k");
    expect(third).toMatchObject({ remaining: 0, limited: true });
    expect(third.resetSec).toBeGreaterThan(0);
    expect(third.resetSec).toBeLessThanOrEqual(60);
  });

  it("Redis: two limiter objects on the same prefix share one count (as two BFFs would)", async () => {
    const spec = { name: "shared", points: 3, durationSec: 60 };
    const a = createLimiterFactory({ redis, prefix })(spec);
    const b = createLimiterFactory({ redis, prefix })(spec);
    await take(a, "user");
    await take(b, "user");
    await take(a, "user");
    expect((await take(b, "user")).limited).toBe(true);
    expect(await redis.exists(`${prefix}:shared:user`)).toBe(1);
  });

  it("Redis never reachable → the in-memory insurance limiter still limits", async () => {
    const dead = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const l = createLimiterFactory({ redis: dead, prefix })({ name: "dead", points: 2, durationSec: 60 });
    expect((await take(l, "k")).limited).toBe(false);
    expect((await take(l, "k")).limited).toBe(false);
    expect((await take(l, "k")).limited).toBe(true);
    dead.disconnect();
  });

  it("Redis drops mid-life → the insurance limiter takes over without errors", async () => {
    const client = new Redis("redis://127.0.0.1:6379", {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    await once(client, "ready");
    const l = createLimiterFactory({ redis: client, prefix })({ name: "drop", points: 2, durationSec: 60 });
    expect((await take(l, "k")).limited).toBe(false); // counted in Redis
    client.disconnect();
    expect((await take(l, "k")).limited).toBe(false); // insurance: its own fresh count
    expect((await take(l, "k")).limited).toBe(false);
    expect((await take(l, "k")).limited).toBe(true);
  });

  it("headers: RateLimit-* always, Retry-After only when limited", () => {
    expect(limitHeaders({ limit: 5, remaining: 4, resetSec: 30, limited: false })).toEqual({
      "RateLimit-Limit": "5",
      "RateLimit-Remaining": "4",
      "RateLimit-Reset": "30",
    });
    expect(limitHeaders({ limit: 5, remaining: 0, resetSec: 30, limited: true })).toMatchObject({
      "Retry-After": "30",
      "RateLimit-Remaining": "0",
    });
  });
});
