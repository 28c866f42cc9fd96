import { createHash, randomBytes } from "node:crypto";
import type { IDisposable } from "cockatiel";
import { sessionCookie } from "./cookie.ts";
import type { SessionStore } from "./store.ts";
import type {
  LoginMethod,
  Session,
  SessionEnded,
  SessionEndReason,
  SessionMeta,
  SessionUser,
} from "./types.ts";

export interface SessionServiceOptions {
  store: SessionStore;
  idleMs: number;
  absoluteMs: number;
  /** Injectable clock (tests). */
  now?: () => number;
  /**
   * Records outlive their deadline by this much so a late request or revalidation can still say SESSION_EXPIRED
   * (rather than UNAUTHENTICATED); the clock check makes them useless after the deadline either way.
   */
  expiredGraceMs?: number;
}

export type ResolveResult =
  { ok: true; session: Session } | { ok: false; reason: "none" | "SESSION_EXPIRED" };
export type CheckResult = { ok: true; session: Session } | { ok: false; reason: SessionEndReason };

/** SHA-256 (hex) of a session id: the only form of the id the server keeps. */
export const hashSid = (sid: string): string => createHash("sha256").update(sid).digest("hex");

/** Server-side sessions: login (fresh id), resolve with idle + absolute timeouts, logout, and ended events. */
export class SessionService {
  readonly cookie = sessionCookie;
  readonly idleMs: number;
  readonly absoluteMs: number;
  private readonly store: SessionStore;
  private readonly now: () => number;
  private readonly graceMs: number;
  private readonly listeners = new Set<(e: SessionEnded) => void>();

  constructor(options: SessionServiceOptions) {
    this.store = options.store;
    this.idleMs = options.idleMs;
    this.absoluteMs = options.absoluteMs;
    this.now = options.now ?? Date.now;
    this.graceMs = options.expiredGraceMs ?? 60_000;
  }

  /** Starts a session under a NEW 256-bit id (no fixation). `meta` is for the caller's audit; nothing of it is stored. */
  async login(
    user: SessionUser,
    method: LoginMethod,
    _meta: SessionMeta,
    extra: { oidcIdToken?: string } = {},
  ): Promise<{ sid: string; session: Session }> {
    const sid = randomBytes(32).toString("base64url");
    const now = this.now();
    const session: Session = {
      hash: hashSid(sid),
      user: structuredClone(user),
      method,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: now + this.absoluteMs,
    };
    if (extra.oidcIdToken !== undefined) session.oidcIdToken = extra.oidcIdToken;
    await this.store.set(session, this.ttl(session));
    return { sid, session };
  }

  /** The session behind a cookie value, touching its idle timer; an expired one is deleted and reported once. */
  async resolve(sid: string | undefined): Promise<ResolveResult> {
    const found = await this.peek(sid);
    if (!found.ok) return found;
    const session = { ...found.session, lastSeenAt: this.now() };
    await this.store.set(session, this.ttl(session));
    return { ok: true, session };
  }

  /**
   * The session behind a cookie value WITHOUT touching its idle timer: socket handshakes use it, because opening or
   * re-opening a socket (a reconnect loop, a tab left open) is not user activity (docs/security.md, "Idle timeout").
   */
  async peek(sid: string | undefined): Promise<ResolveResult> {
    if (!sid) return { ok: false, reason: "none" };
    const checked = await this.check(hashSid(sid));
    if (!checked.ok)
      return { ok: false, reason: checked.reason === "SESSION_EXPIRED" ? "SESSION_EXPIRED" : "none" };
    return { ok: true, session: checked.session };
  }

  /**
   * Like resolve, by hash and WITHOUT touching the idle timer: live sockets re-check with this, so only user
   * requests keep a session alive. Missing → REVOKED (ended elsewhere, e.g. logout on another instance).
   */
  async check(hash: string): Promise<CheckResult> {
    const session = await this.store.get(hash);
    if (!session) return { ok: false, reason: "REVOKED" };
    if (this.expired(session)) {
      await this.end(hash, "SESSION_EXPIRED");
      return { ok: false, reason: "SESSION_EXPIRED" };
    }
    return { ok: true, session };
  }

  /** Deletes the session server-side and emits ended; null when there was none. */
  logout(sid: string, reason: SessionEndReason = "LOGGED_OUT"): Promise<Session | null> {
    return this.end(hashSid(sid), reason);
  }

  /** Ends a session by hash (revocation by an operator, or re-login replacing it). */
  async end(hash: string, reason: SessionEndReason): Promise<Session | null> {
    const session = await this.store.delete(hash);
    if (session) this.emit({ sessionHash: hash, userId: session.user.id, reason });
    return session;
  }

  onEnded(listener: (e: SessionEnded) => void): IDisposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** When the idle timer runs out if nothing else happens (epoch ms). */
  idleExpiresAt(session: Session): number {
    return Math.min(session.lastSeenAt + this.idleMs, session.absoluteExpiresAt);
  }

  /** Cookie Max-Age for a new session: the absolute timeout. */
  get cookieMaxAgeSec(): number {
    return Math.floor(this.absoluteMs / 1000);
  }

  /** Pings the session store (health probe): resolves when it answers. */
  ping(): Promise<void> {
    return this.store.ping();
  }

  close(): Promise<void> {
    this.listeners.clear();
    return this.store.close();
  }

  private expired(session: Session): boolean {
    const now = this.now();
    return now >= session.absoluteExpiresAt || now >= session.lastSeenAt + this.idleMs;
  }

  private ttl(session: Session): number {
    return Math.max(1, this.idleExpiresAt(session) - this.now()) + this.graceMs;
  }

  private emit(e: SessionEnded): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch {
        // A failing listener must not stop the others or the logout itself.
      }
    }
  }
}
