import type { Server, Socket } from "socket.io";
import type { IDisposable } from "cockatiel";
import {
  permissionsOf,
  type ClientEventName,
  type ClientToServerEvents,
  type ErrorCode,
  type Permission,
  type SessionEndReason,
  type ServerToClientEvents,
  type SessionUser,
} from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import { allows, socketAccess } from "../security/access-table.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import { readSessionCookie } from "../session/cookie.ts";
import type { SessionService } from "../session/session-service.ts";

export interface SocketAuthOptions {
  sessions: Pick<SessionService, "resolve" | "check" | "onEnded">;
  /** Browser origins allowed to open a socket (read per handshake: PORT 0 is known only after listen). */
  allowedOrigins: () => readonly string[];
  /** One shared timer re-checks every live session this often. */
  revalidateMs: number;
  audit: AuditSink;
  logger: Logger;
}

/** What the handshake leaves in `socket.data.auth`. */
export interface SocketAuth {
  sessionHash: string;
  user: SessionUser;
  permissions: Permission[];
}

/** The Error a refused handshake reports; the client sees `err.message` and `err.data.code` in `connect_error`. */
export class HandshakeError extends Error {
  readonly data: { code: ErrorCode };
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.data = { code };
  }
}

const room = (hash: string) => `session:${hash}`;
export const socketAuthOf = (socket: Socket): SocketAuth | undefined =>
  (socket.data as { auth?: SocketAuth }).auth;

/**
 * Authenticates every handshake from the session cookie behind an Origin allowlist (cross-site WebSocket hijacking:
 * a page on another site can make the browser send our SameSite=Strict cookie only via same-site requests, but the
 * Origin check stops any cross-origin page regardless), enforces the access table per event, and ends every socket
 * of a session when it ends (logout, expiry, revocation): `session:ended {reason}`, then disconnect.
 */
export function attachSocketAuth(
  io: Server<ClientToServerEvents, ServerToClientEvents>,
  opts: SocketAuthOptions,
): IDisposable {
  const { sessions, audit, logger } = opts;

  io.use((socket, next) => {
    const headers = socket.request.headers;
    const origin = headers.origin;
    const meta = { ip: socket.handshake.address, userAgent: (headers["user-agent"] ?? "").slice(0, 256) };
    if (!origin || !opts.allowedOrigins().includes(origin)) {
      audit.record({
        type: "socket.origin_rejected",
        ...meta,
        reason: origin ? "origin not allowed" : "no Origin",
      });
      return next(new HandshakeError("ORIGIN_REJECTED", "origin not allowed"));
    }
    const sid = readSessionCookie(headers.cookie);
    // The cookie has done its job; do not keep it around for the socket's lifetime.
    delete headers.cookie;
    sessions.resolve(sid).then(
      (result) => {
        if (!result.ok) {
          const code = result.reason === "SESSION_EXPIRED" ? "SESSION_EXPIRED" : "UNAUTHENTICATED";
          return next(
            new HandshakeError(code, code === "SESSION_EXPIRED" ? "session expired" : "log in first"),
          );
        }
        const { hash, user } = result.session;
        const auth: SocketAuth = { sessionHash: hash, user, permissions: permissionsOf(user.roles) };
        (socket.data as { auth?: SocketAuth }).auth = auth;
        next();
      },
      (err: unknown) => {
        logger.error({ err }, "socket handshake: session lookup failed");
        next(new HandshakeError("INTERNAL", "internal error"));
      },
    );
  });

  io.on("connection", (socket) => {
    const auth = socketAuthOf(socket);
    if (!auth) return void socket.disconnect(true);
    void socket.join(room(auth.sessionHash));
    socket.use(([event, ...args], next) => {
      // Own keys only: `toString`, `__proto__`… are unknown events (the handler acks UNKNOWN_EVENT), not denials.
      const access = Object.hasOwn(socketAccess, event) ? socketAccess[event as ClientEventName] : undefined;
      if (access === undefined || allows(access, auth.permissions)) return next();
      audit.record({
        type: "access.denied",
        user: auth.user.username,
        userId: auth.user.id,
        ip: socket.handshake.address,
        event: String(event).slice(0, 64),
        permission: access,
      });
      const ack = args.at(-1);
      if (typeof ack === "function") ack({ ok: false, error: { code: "FORBIDDEN", message: "not allowed" } });
    });
  });

  const endSession = (hash: string, reason: SessionEndReason): void => {
    io.to(room(hash)).emit("session:ended", { reason });
    io.in(room(hash)).disconnectSockets(true);
  };
  const ended = sessions.onEnded((e) => endSession(e.sessionHash, e.reason));

  let running = false;
  const revalidate = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const hashes = new Set<string>();
      for (const socket of io.of("/").sockets.values()) {
        const hash = socketAuthOf(socket)?.sessionHash;
        if (hash) hashes.add(hash);
      }
      for (const hash of hashes) {
        // check() does not touch the idle timer: an open socket is not user activity.
        const result = await sessions.check(hash);
        if (!result.ok) endSession(hash, result.reason);
      }
    } catch (err) {
      logger.warn({ err }, "socket session revalidation failed; retrying next tick");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void revalidate(), opts.revalidateMs);
  timer.unref();

  return {
    dispose: () => {
      clearInterval(timer);
      ended.dispose();
    },
  };
}
