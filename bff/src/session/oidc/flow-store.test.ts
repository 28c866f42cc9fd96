import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { MemoryFlowStore, RedisFlowStore, type PendingFlow } from "./flow-store.ts";

const flow = (n: number): PendingFlow => ({
  state: `s${n}`,
  nonce: `n${n}`,
  codeVerifier: `v${n}`,
  returnTo: "/",
  redirectUri: "http://127.0.0.1/cb",
});

describe("MemoryFlowStore", () => {
  it("is single-use", async () => {
    const store = new MemoryFlowStore();
    await store.put("a", flow(1), 1000);
    expect(await store.take("a")).toEqual(flow(1));
    expect(await store.take("a")).toBeUndefined();
    expect(await store.take("unknown")).toBeUndefined();
  });

  it("expires flows after their TTL and sweeps them", async () => {
    let now = 0;
    const store = new MemoryFlowStore(100, () => now);
    await store.put("a", flow(1), 1000);
    now = 1000;
    expect(await store.take("a")).toBeUndefined();
    await store.put("b", flow(2), 1000);
    now = 2500;
    await store.put("c", flow(3), 1000);
    expect(store.size).toBe(1);
  });

  it("is bounded: the oldest pending flow is evicted", async () => {
    const store = new MemoryFlowStore(2);
    for (const n of [1, 2, 3]) await store.put(`k${n}`, flow(n), 60_000);
    expect(store.size).toBe(2);
    expect(await store.take("k1")).toBeUndefined();
    expect(await store.take("k3")).toEqual(flow(3));
  });
});

describe("RedisFlowStore (the real Redis on this machine)", () => {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  const prefix = `pregao-test-${process.pid}-${Date.now()}:`;
  afterAll(() => redis.quit());

  it("is single-use, expires, and keys by a hash of the cookie id", async () => {
    const store = new RedisFlowStore(redis, prefix);
    await store.put("cookie-id", flow(1), 60_000);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toEqual([store.key("cookie-id")]);
    expect(keys[0]).not.toContain("cookie-id");
    expect(await store.take("cookie-id")).toEqual(flow(1));
    expect(await store.take("cookie-id")).toBeUndefined();
    await store.put("short", flow(2), 30);
    await new Promise((r) => setTimeout(r, 80));
    expect(await store.take("short")).toBeUndefined();
  });
});
