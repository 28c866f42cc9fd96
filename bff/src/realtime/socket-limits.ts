import type { Limiter } from "../security/rate-limit.ts";
import { socketEventLimit, type EventLimitScope } from "../security/socket-rate-limit.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import { sessionRef, type RefusalReason, type SocketAuth } from "./handshake.ts";
import { SocketCaps, type SocketCapLimits } from "./socket-caps.ts";
import type { PregaoSocket, SocketMiddleware } from "./socket-events.ts";
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
 * Charges every incoming event to the socket's, its session's and its user's budgets: the first step of each socket's
 * one middleware (socket-events.ts), BEFORE the access check (realtime/auth.ts), so a flood of events a role may not
 * send is cut here: what is refused is counted into one aggregated `socket.rate_limited` audit line per session per
 * window (security/audit-aggregate.ts), not one per event. Undefined when no budget is on.
 */
export function eventLimits(limits: RealtimeLimits, audit: AuditSink): SocketMiddleware | undefined {
  const { events } = limits;
  if (!events || (!events.socket && !events.session && !events.user)) return undefined;
  return socketEventLimit(
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
}

/** The handshake's auth of a socket the connection listener let through (it checked). */
const authOf = (socket: PregaoSocket): SocketAuth => (socket.data as { auth: SocketAuth }).auth;

/** The key a socket's events count under in each budget. */
const budgetKey: Record<EventLimitScope, (socket: PregaoSocket) => string> = {
  socket: (socket) => socket.id,
  session: (socket) => authOf(socket).sessionHash,
  user: (socket) => authOf(socket).user.id,
};
