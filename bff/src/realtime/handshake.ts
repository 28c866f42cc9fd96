import type { Socket } from "socket.io";
import type { ErrorCode, Permission, Role, SessionUser } from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import type { Limiter } from "../security/rate-limit.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import { readSessionCookie } from "../session/cookie.ts";
import type { SessionService } from "../session/session-service.ts";
import { roleSetOf } from "./role-set.ts";
import type { SocketCaps } from "./socket-caps.ts";

/** What the handshake leaves in `socket.data.auth`. */
export interface SocketAuth {
  sessionHash: string;
  /** The session's user; `roles` shared with every socket of the same roles (realtime/role-set.ts). */
  user: Omit<SessionUser, "roles"> & { roles: readonly Role[] };
  permissions: readonly Permission[];
}

/** Why a handshake was refused (the `reason` label of `pregao_socket_handshakes_refused_total`). */
export type RefusalReason =
  | "origin"
  | "unauthenticated"
  | "session_expired"
  | "rate_limited"
  | "session_cap"
  | "user_cap"
  | "ip_cap"
  | "reused_connection"
  | "internal";

/** The Error a refused handshake reports; the client sees `err.message` and `err.data` in `connect_error`. */
export class HandshakeError extends Error {
  readonly data: { code: ErrorCode; message: string; details?: unknown };
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.data = { code, message, ...(details === undefined ? {} : { details }) };
  }
}

export interface HandshakeOptions {
  /** `peek`: a handshake never touches the session's idle timer (a reconnect is not user activity). */
  sessions: Pick<SessionService, "peek">;
  allowedOrigins: () => readonly string[];
  audit: AuditSink;
  logger: Logger;
  /** Open sockets per session / user / IP; none → uncapped. */
  caps?: SocketCaps;
  /** Refused handshakes per client IP; past it the IP's handshakes are refused before any session lookup. */
  refusedLimiter?: Limiter | null;
  onRefused?: (reason: RefusalReason) => void;
}

/** A short, non-replayable reference to a session for the audit log (the first 16 hex of the SHA-256 of its id). */
export const sessionRef = (hash: string): string => hash.slice(0, 16);

type Next = (err?: Error) => void;

/**
 * The socket handshake: refused-handshake limit per IP → Origin allowlist (cross-site WebSocket hijacking) → session
 * cookie (peeked, not touched) → socket caps. Each refusal costs the IP a point, so a client hammering handshakes that
 * fail (a foreign Origin, guessed cookies, a tab over its cap) is cut off cheaply for the rest of the window; the audit
 * sink aggregates the lines it writes about them.
 */
export function handshakeMiddleware(opts: HandshakeOptions) {
  const { audit, logger, refusedLimiter } = opts;
  return (socket: Socket, nextOnce: Next): void => {
    let done = false;
    const next: Next = (err) => {
      if (done) return;
      done = true;
      nextOnce(err);
    };
    // null once a socket of this connection has connected (realtime/handshake-release.ts): socket.io-client never
    // sends a second CONNECT on one connection, a hand-made client can. Refused in `run`, like any other refusal.
    const request = socket.request as typeof socket.request | null;
    const headers = request?.headers ?? {};
    const ip = socket.handshake.address;
    const meta = { ip, userAgent: (headers["user-agent"] ?? "").slice(0, 256) };
    const refuse = (reason: RefusalReason, err: HandshakeError, auditType?: string, extra?: object): void => {
      opts.onRefused?.(reason);
      if (auditType) audit.record({ type: auditType, ...meta, reason: err.message, ...extra });
      if (refusedLimiter) refusedLimiter.consume(ip).catch(() => undefined); // over the limit rejects: expected
      next(err);
    };
    const cookie = headers.cookie;
    // The cookie has done its job once read; do not keep it around for the socket's lifetime. Overwritten, not
    // deleted: a `delete` turns the headers object (kept as long as the socket) into a ≈ 450 B dictionary.
    headers.cookie = undefined;
    const run = async (): Promise<void> => {
      if (refusedLimiter) {
        const seen = await refusedLimiter.get(ip);
        if (seen && seen.consumedPoints >= refusedLimiter.points) {
          const retry = Math.max(1, Math.ceil(seen.msBeforeNext / 1000));
          // `details.retryAfter` (seconds), like the HTTP 429's: the client words it in the user's language.
          const err = new HandshakeError(
            "RATE_LIMITED",
            `too many refused connections; retry in ${retry} s`,
            {
              retryAfter: retry,
            },
          );
          return refuse("rate_limited", err, "socket.rate_limited", { scope: "ip" });
        }
      }
      if (!request) {
        const err = new HandshakeError(
          "CONFLICT",
          "this connection already completed a handshake: open a new one",
        );
        return refuse("reused_connection", err);
      }
      const origin = headers.origin;
      // A long-polling handshake is a same-origin GET, for which browsers send no Origin; they do send
      // Sec-Fetch-Site, which no page can set. A cross-site page's request carries its Origin (and "cross-site").
      const sameOriginFetch = origin === undefined && headers["sec-fetch-site"] === "same-origin";
      if (!sameOriginFetch && (!origin || !opts.allowedOrigins().includes(origin))) {
        const err = new HandshakeError("ORIGIN_REJECTED", "origin not allowed");
        return refuse("origin", err, "socket.origin_rejected", {
          reason: origin ? "origin not allowed" : "no Origin",
        });
      }
      const result = await opts.sessions.peek(readSessionCookie(cookie));
      if (!result.ok) {
        const expired = result.reason === "SESSION_EXPIRED";
        const err = expired
          ? new HandshakeError("SESSION_EXPIRED", "session expired")
          : new HandshakeError("UNAUTHENTICATED", "log in first");
        return refuse(expired ? "session_expired" : "unauthenticated", err);
      }
      const { hash, user } = result.session;
      if (socket.conn.readyState === "closed") return next(new Error("closed")); // gone while we looked it up
      const admitted = opts.caps?.admit({ session: hash, user: user.id, ip });
      if (admitted && !admitted.ok) {
        const { scope, limit } = admitted;
        const err = new HandshakeError("TOO_MANY_SOCKETS", `at most ${limit} sockets per ${scope}`, {
          scope,
          limit,
        });
        return refuse(`${scope}_cap`, err, "socket.refused", {
          user: user.username,
          userId: user.id,
          session: sessionRef(hash),
          scope,
        });
      }
      if (admitted) {
        // Both: a socket.io disconnect without the transport closing, and a transport that closes before `connection`.
        // `on`, not `once`: each fires once per socket and release is idempotent, while `once` wraps each listener.
        const release = admitted.release.bind(admitted);
        socket.on("disconnect", release);
        socket.conn.on("close", release);
      }
      const { roles, permissions } = roleSetOf(user.roles);
      const auth: SocketAuth = { sessionHash: hash, user: { ...user, roles }, permissions };
      (socket.data as { auth?: SocketAuth }).auth = auth;
      next();
    };
    run().catch((err: unknown) => {
      logger.error({ err }, "socket handshake failed");
      refuse("internal", new HandshakeError("INTERNAL", "internal error"));
    });
  };
}
