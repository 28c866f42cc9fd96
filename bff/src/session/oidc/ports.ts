import type { SessionUser } from "@pregao/contracts";

/**
 * The slice of the session core that OIDC login needs. Declared here so this module builds and tests on its own; the
 * real `SessionService` (bff/src/session/) satisfies it structurally.
 */
export interface SessionMeta {
  ip: string;
  userAgent: string;
  requestId?: string;
}

/** What OIDC reads back from a stored session: who, how they logged in, and the ID token for RP-initiated logout. */
export interface OidcSessionView {
  user: SessionUser;
  method: "password" | "oidc";
  oidcIdToken?: string;
}

export interface OidcSessionPort {
  login(
    user: SessionUser,
    method: "password" | "oidc",
    meta: SessionMeta,
    extra?: { oidcIdToken?: string },
  ): Promise<{ sid: string }>;
  resolve(sid?: string): Promise<{ ok: true; session: OidcSessionView } | { ok: false; reason: string }>;
  logout(sid: string, reason?: never): Promise<unknown>;
  cookie: { name: string; serialize(sid: string, maxAgeSec?: number): string; clear(): string };
}

/** Audit events this module emits (JSON lines via the session core's sink; never tokens or codes). */
export interface OidcAuditEvent {
  event: "login.success" | "login.failure" | "logout";
  method: "oidc";
  requestId?: string;
  ip?: string;
  userAgent?: string;
  user?: string;
  reason?: string;
}

export interface OidcAuditSink {
  record(event: OidcAuditEvent): void;
}
