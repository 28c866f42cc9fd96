import type { SessionEndReason, SessionUser } from "@pregao/contracts";

export type { SessionEndReason, SessionUser };
export type LoginMethod = "password" | "oidc";

/** Who made a request, for audit and for the session record. */
export interface SessionMeta {
  ip: string;
  userAgent: string;
  requestId?: string;
}

/**
 * A server-side session. `hash` is SHA-256 (hex) of the session id: the raw id lives only in the browser's cookie,
 * so a leaked store (or log line) cannot be replayed as a cookie.
 */
export interface Session {
  hash: string;
  user: SessionUser;
  method: LoginMethod;
  createdAt: number;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  oidcIdToken?: string;
}

/** Emitted once per ended session (logout, expiry noticed, revocation). */
export interface SessionEnded {
  sessionHash: string;
  userId: string;
  reason: SessionEndReason;
}
