import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";
import type { Limiter } from "../security/rate-limit.ts";
import { socketEventLimit, type EventBudget, type EventLimitScope } from "../security/socket-rate-limit.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import { sessionRef, type RefusalReason, type SocketAuth } from "./handshake.ts";
import { SocketCaps, type SocketCapLimits } from "./socket-caps.ts";
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
  io.on("connection", (socket) => {
    const auth = (socket.data as { auth?: SocketAuth }).auth;
    if (!auth) return; // the auth listener disconnects it
    const budgets: EventBudget[] = [];
    if (events.socket) budgets.push({ scope: "socket", limiter: events.socket, key: socket.id });
    if (events.session) budgets.push({ scope: "session", limiter: events.session, key: auth.sessionHash });
    if (events.user) budgets.push({ scope: "user", limiter: events.user, key: auth.user.id });
    socket.use(
      socketEventLimit(budgets, (scope, event) => {
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
      }),
    );
  });
}
