import type { Session } from "./types.ts";

/**
 * Where sessions live, keyed by the SHA-256 of the session id. `ttlMs` is a storage hint (records may vanish after
 * it); the deadlines that matter are checked by SessionService with its own clock.
 */
export interface SessionStore {
  get(hash: string): Promise<Session | null>;
  /** Creates or replaces the record. */
  set(session: Session, ttlMs: number): Promise<void>;
  /** Removes the record and returns what was there. */
  delete(hash: string): Promise<Session | null>;
  close(): Promise<void>;
  /** Resolves when the store answers (health probe); memory stores always do. */
  ping(): Promise<void>;
}
