import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";
import type { Limiter } from "../security/rate-limit.ts";
import { socketEventLimit, type EventLimitScope } from "../security/socket-rate-limit.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import { sessionRef, type RefusalReason, type SocketAuth } from "./handshake.ts";
import { SocketCaps, type SocketCapLimits } from "./socket-caps.ts";
import type { PregaoSocket } from "./socket-events.ts";
import { SubscriptionBudget } from "./subscription-budget.ts";

/** Every abuse limit on browser sockets; each part absent or 0 = off. */
export interface RealtimeLimits {
  /** Open sockets per session / user / client IP, refused at the handshake with TOO_MANY_SOCKETS. */
  caps?: SocketCapLimits;
  /** Subscriptions per channel summed over a session's / a user's sockets. */
  subscriptions?: { perSession: number; perUser: number };
  /** Event budgets (socket.use) per socket, per session (all its sockets), per user. */
  events?: { socket?: Limiter | null; session?: Limiter | null; user?: Limiter | null };
  /** Refused handshakes per client IP. */
  refusedHandshakes?: Limiter | null;
  onHandshakeRefused?: (reason: RefusalReason) => void;
  onSubscriptionRefused?: (scope: "socket" | "session" | "user") => void;
  onEventLimited?: (scope: EventLimitScope) => void;
}

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

export interface BuiltLimits {
  caps?: SocketCaps;
  budget?: SubscriptionBudget;
}

/** The stateful parts (socket counts, subscription budgets) this process keeps for `limits`. */
export function buildLimits(limits: RealtimeLimits = {}): BuiltLimits {
  return {
    ...(limits.caps ? { caps: new SocketCaps(limits.caps) } : {}),
    ...(limits.subscriptions ? { budget: new SubscriptionBudget(limits.subscriptions) } : {}),
  };
}

/**
 * Charges every incoming event to the socket's, its session's and its user's budgets. Registered BEFORE the access
 * check (realtime/auth.ts) so a flood of events a role may not send is cut here: what is refused is counted into one
 * aggregated `socket.rate_limited` audit line per session per window (security/audit-aggregate.ts), not one per event.
 */
export function attachEventLimits(io: Io, limits: RealtimeLimits, audit: AuditSink): void {
  const { events } = limits;
  if (!events || (!events.socket && !events.session && !events.user)) return;
  const limit = socketEventLimit(
    events,
    (socket: PregaoSocket, scope) => budgetKey[scope](socket),
    (scope, event, socket) => {
      const auth = authOf(socket);
      limits.onEventLimited?.(scope);
      audit.record({
        type: "socket.rate_limited",
        user: auth.user.username,
        userId: auth.user.id,
        ip: socket.handshake.address,
        session: sessionRef(auth.sessionHash),
        event,
        reason: `over the ${scope} event budget`,
      });
    },
  );
  io.on("connection", (socket) => {
    if (!(socket.data as { auth?: SocketAuth }).auth) return; // the auth listener disconnects it
    socket.use((packet, next) => limit(socket, packet, next));
  });
}

/** The handshake's auth of a socket the connection listener let through (it checked). */
const authOf = (socket: PregaoSocket): SocketAuth => (socket.data as { auth: SocketAuth }).auth;

/** The key a socket's events count under in each budget. */
const budgetKey: Record<EventLimitScope, (socket: PregaoSocket) => string> = {
  socket: (socket) => socket.id,
  session: (socket) => authOf(socket).sessionHash,
  user: (socket) => authOf(socket).user.id,
};
