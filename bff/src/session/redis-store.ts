import type { Redis } from "ioredis";
import type { SessionStore } from "./store.ts";
import type { Session } from "./types.ts";

/**
 * Sessions in Redis under `<prefix>sess:<sha256(id)>` as JSON with a PX expiry, so every BFF instance sees the same
 * sessions and a logout anywhere ends them everywhere (live sockets notice on their next revalidation).
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "pregao:",
    private readonly ownsClient = false,
  ) {}

  key(hash: string): string {
    return `${this.prefix}sess:${hash}`;
  }

  async get(hash: string): Promise<Session | null> {
    const raw = await this.redis.get(this.key(hash));
    return raw === null ? null : (JSON.parse(raw) as Session);
  }

  async set(session: Session, ttlMs: number): Promise<void> {
    await this.redis.set(
      this.key(session.hash),
      JSON.stringify(session),
      "PX",
      Math.max(1, Math.ceil(ttlMs)),
    );
  }

  async delete(hash: string): Promise<Session | null> {
    const raw = await this.redis.getdel(this.key(hash));
    return raw === null ? null : (JSON.parse(raw) as Session);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.redis.quit().catch(() => undefined);
  }
}
