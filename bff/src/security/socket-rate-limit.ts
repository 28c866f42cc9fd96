import type { Ack } from "@pregao/contracts";
import { take, type LimitInfo, type Limiter } from "./rate-limit.ts";

type Packet = unknown[];

/** Which budget refused an event: the socket's own, its session's (all its sockets) or its user's. */
export type EventLimitScope = "socket" | "session" | "user";

/** The limiter of each budget an event is charged to; absent or null = that budget is off. */
export type EventBudgets = Partial<Record<EventLimitScope, Limiter | null>>;

/** The order budgets are charged in: the socket's own first. */
const scopes: readonly EventLimitScope[] = ["socket", "session", "user"];

/**
 * socket.io per-socket middleware (`socket.use`): each incoming event costs one point of each budget (socket, session,
 * user), so opening more sockets does not multiply a session's rate. Over a limit the event is dropped and, when it
 * carries an ack, answered `{ ok: false, error: RATE_LIMITED }`; the socket stays connected (a misbehaving tab slows
 * down, it is not punished with a reconnect storm). It runs before the access check, so a flood of events the role may
 * not send is refused here first and never reaches the audit log one by one.
 *
 * Built once per server for sockets of type `S`: `keyOf` names the key a socket's events count under in each budget
 * (read per event, so a socket holds nothing but its `(packet, next) => limit(socket, packet, next)`).
 */
export function socketEventLimit<S>(
  budgets: EventBudgets,
  keyOf: (socket: S, scope: EventLimitScope) => string,
  onRejected?: (scope: EventLimitScope, event: string, socket: S) => void,
) {
  const charged = scopes.flatMap((scope) => {
    const limiter = budgets[scope];
    return limiter ? [{ scope, limiter }] : [];
  });
  /** Charges one event to every budget in order; the first one over its limit refuses it (the rest are not charged). */
  const charge = async (socket: S): Promise<{ scope: EventLimitScope; info: LimitInfo } | null> => {
    for (const { scope, limiter } of charged) {
      const info = await take(limiter, keyOf(socket, scope));
      if (info.limited) return { scope, info };
    }
    return null;
  };
  return (socket: S, packet: Packet, next: (err?: Error) => void): void => {
    charge(socket).then(
      (refused) => {
        if (!refused) return next();
        onRejected?.(refused.scope, String(packet[0]).slice(0, 64), socket);
        const ack = packet.at(-1);
        if (typeof ack !== "function") return;
        const body: Ack<never> = {
          ok: false,
          error: {
            code: "RATE_LIMITED",
            message: `too many events for this ${refused.scope}; retry in ${refused.info.resetSec} s`,
            details: { retryAfter: refused.info.resetSec, scope: refused.scope },
          },
        };
        (ack as (a: Ack<never>) => void)(body);
      },
      () => next(), // the limiter itself failed (never for memory): let the event through rather than hang it
    );
  };
}
