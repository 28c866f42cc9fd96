import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
/** One login in flight: what the callback must check, kept server-side (the browser only holds the random key). */
export interface PendingFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Sanitised same-origin path to land on after login. */
  returnTo: string;
  /** The exact redirect_uri sent in the authorization request (the token request must repeat it). */
  redirectUri: string;
}

/** Short-lived, single-use storage of pending flows, keyed by the random id in the `__Host-pregao_oidc` cookie. */
export interface PendingFlowStore {
  put(id: string, flow: PendingFlow, ttlMs: number): Promise<void>;
  /** Returns and deletes the flow (single use), or undefined when unknown or expired. */
  take(id: string): Promise<PendingFlow | undefined>;
}

/**
 * In-process store. Bounded: past `maxEntries` the oldest pending flow is evicted, so unauthenticated
 * `GET /oidc/login` floods cannot grow memory without limit (rate limits sit in front of it as well).
 */
export class MemoryFlowStore implements PendingFlowStore {
  private readonly flows = new Map<string, { flow: PendingFlow; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.flows.size;
  }

  put(id: string, flow: PendingFlow, ttlMs: number): Promise<void> {
    const now = this.now();
    for (const [key, v] of this.flows) {
      if (v.expiresAt > now) break; // insertion order ≈ expiry order (one TTL)
      this.flows.delete(key);
    }
    while (this.flows.size >= this.maxEntries) {
      const oldest = this.flows.keys().next().value;
      if (oldest === undefined) break;
      this.flows.delete(oldest);
    }
    this.flows.set(id, { flow, expiresAt: now + ttlMs });
    return Promise.resolve();
  }

  take(id: string): Promise<PendingFlow | undefined> {
    const entry = this.flows.get(id);
    this.flows.delete(id);
    return Promise.resolve(entry && entry.expiresAt > this.now() ? entry.flow : undefined);
  }
}

/**
 * Pending flows in Redis (`<prefix>oidc:<sha256(id)>`, PX expiry, GETDEL for single use), so the callback may land on
 * a different BFF instance than the login did. Used whenever sessions are in Redis.
 */
export class RedisFlowStore implements PendingFlowStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "pregao:",
  ) {}

  key(id: string): string {
    return `${this.prefix}oidc:${createHash("sha256").update(id).digest("hex")}`;
  }

  async put(id: string, flow: PendingFlow, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(id), JSON.stringify(flow), "PX", Math.max(1, Math.ceil(ttlMs)));
  }

  async take(id: string): Promise<PendingFlow | undefined> {
    const raw = await this.redis.getdel(this.key(id));
    return raw === null ? undefined : (JSON.parse(raw) as PendingFlow);
  }
}
