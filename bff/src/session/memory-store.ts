import type { SessionStore } from "./store.ts";
import type { Session } from "./types.ts";

interface Entry {
  session: Session;
  expiresAt: number;
}

const SWEEP_EVERY_MS = 60_000;

/** The embedded default: a Map with lazy expiry plus a sweep at most once a minute, so memory stays bounded. */
export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  ping(): Promise<void> {
    return Promise.resolve();
  }

  get size(): number {
    return this.entries.size;
  }

  async get(hash: string): Promise<Session | null> {
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(hash);
      return null;
    }
    return structuredClone(entry.session);
  }

  async set(session: Session, ttlMs: number): Promise<void> {
    this.sweep();
    this.entries.set(session.hash, { session: structuredClone(session), expiresAt: this.now() + ttlMs });
  }

  async delete(hash: string): Promise<Session | null> {
    const session = await this.get(hash);
    this.entries.delete(hash);
    return session;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [hash, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(hash);
  }
}
