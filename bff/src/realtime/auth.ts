import type { Server, Socket } from "socket.io";
import type { IDisposable } from "cockatiel";
import type {
  ClientEventName,
  ClientToServerEvents,
  SessionEndReason,
  ServerToClientEvents,
} from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import { allows, socketAccess } from "../security/access-table.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import type { SessionService } from "../session/session-service.ts";
import type { ClusterBus } from "../cluster/bus.ts";
import { handshakeMiddleware, sessionRef, type HandshakeOptions, type SocketAuth } from "./handshake.ts";
import type { SocketMiddleware } from "./socket-events.ts";

export { HandshakeError, type RefusalReason, type SocketAuth } from "./handshake.ts";

export interface SocketAuthOptions {
  sessions: Pick<SessionService, "peek" | "check" | "onEnded">;
  /** Browser origins allowed to open a socket (read per handshake: PORT 0 is known only after listen). */
  allowedOrigins: () => readonly string[];
  /** One shared timer re-checks every live session this often. */
  revalidateMs: number;
  audit: AuditSink;
  logger: Logger;
  /** Socket caps, the refused-handshake limiter and the refusal counter (realtime/handshake.ts). */
  limits?: Pick<HandshakeOptions, "caps" | "refusedLimiter" | "onRefused">;
  /** The other BFF instances: a session that ends here ends its sockets there too (cluster/bus.ts). */
  bus?: ClusterBus;
}

const room = (hash: string) => `session:${hash}`;
export const socketAuthOf = (socket: Socket): SocketAuth | undefined =>
  (socket.data as { auth?: SocketAuth }).auth;

/**
 * The access table per event: a step of each socket's one middleware (socket-events.ts), after the event budgets. An
 * event the socket's permissions do not allow is audited and acked FORBIDDEN; events the table does not name go on
 * (the handler acks UNKNOWN_EVENT). A socket without auth was disconnected at `connection`: its events go nowhere.
 */
export function socketAccessCheck(audit: AuditSink): SocketMiddleware {
  return (socket, [event, ...args], next) => {
    const auth = socketAuthOf(socket);
    if (!auth) return;
    // Own keys only: `toString`, `__proto__`… are unknown events (the handler acks UNKNOWN_EVENT), not denials.
    const access = Object.hasOwn(socketAccess, event as string)
      ? socketAccess[event as ClientEventName]
      : undefined;
    if (access === undefined || allows(access, auth.permissions)) return next();
    audit.record({
      type: "access.denied",
      user: auth.user.username,
      userId: auth.user.id,
      ip: socket.handshake.address,
      session: sessionRef(auth.sessionHash),
      event: String(event).slice(0, 64),
      permission: access,
    });
    const ack = args.at(-1);
    if (typeof ack === "function") ack({ ok: false, error: { code: "FORBIDDEN", message: "not allowed" } });
  };
}

/**
 * Authenticates every handshake from the session cookie behind an Origin allowlist and the socket caps
 * (realtime/handshake.ts), puts each socket in its session's room, and ends every socket of a session when it ends
 * (logout, expiry, revocation): `session:ended {reason}`, then disconnect. The access table per event is
 * `socketAccessCheck`.
 */
export function attachSocketAuth(
  io: Server<ClientToServerEvents, ServerToClientEvents>,
  opts: SocketAuthOptions,
): IDisposable {
  const { sessions, audit, logger } = opts;
  io.use(
    handshakeMiddleware({ ...opts.limits, sessions, allowedOrigins: opts.allowedOrigins, audit, logger }),
  );

  io.on("connection", (socket) => {
    const auth = socketAuthOf(socket);
    if (!auth) return void socket.disconnect(true);
    void socket.join(room(auth.sessionHash));
  });

  // Local first (works with Redis down), then the other instances through the cluster bus, each of which ends its own
  // sockets of that session locally. `io.local`: with the cluster adapter a plain `io.to()` would go through Redis.
  const endSession = (hash: string, reason: SessionEndReason): void => {
    io.local.to(room(hash)).emit("session:ended", { reason });
    io.local.in(room(hash)).disconnectSockets(true);
  };
  const ended = sessions.onEnded((e) => {
    endSession(e.sessionHash, e.reason);
    opts.bus?.publish({ type: "session:ended", sessionHash: e.sessionHash, reason: e.reason });
  });
  const remote = opts.bus?.subscribe((message) => {
    if (message.type === "session:ended") endSession(message.sessionHash, message.reason);
  });

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
      remote?.dispose();
    },
  };
}
