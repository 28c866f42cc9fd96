import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { Redis } from "ioredis";
import { MemorySessionStore } from "./memory-store.ts";
import { RedisSessionStore } from "./redis-store.ts";
import { describeSessionStore } from "./store-suite.ts";

describeSessionStore("memory", async () => new MemorySessionStore());

// Real Redis on this machine, one key prefix per run, removed afterwards.
const prefix = `pregao:test:${randomBytes(6).toString("hex")}:`;
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
describeSessionStore("redis", async () => {
  if (redis.status === "wait") await redis.connect();
  return new RedisSessionStore(redis, prefix);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});
