import type { Ack } from "@pregao/contracts";
import { take, type LimitInfo, type Limiter } from "./rate-limit.ts";

type Packet = unknown[];

/** Which budget refused an event: the socket's own, its session's (all its sockets) or its user's. */
export type EventLimitScope = "socket" | "session" | "user";

/** One budget an event is charged to: a limiter and the key it counts under. */
export interface EventBudget {
  scope: EventLimitScope;
  limiter: Limiter;
  key: string;
}

/** Charges one event to every budget in order; the first one over its limit refuses it (the rest are not charged). */
async function charge(
  budgets: readonly EventBudget[],
): Promise<{ scope: EventLimitScope; info: LimitInfo } | null> {
  for (const b of budgets) {
    const info = await take(b.limiter, b.key);
    if (info.limited) return { scope: b.scope, info };
  }
  return null;
}

/**
 * socket.io per-socket middleware (`socket.use`): each incoming event costs one point of each budget (socket, session,
 * user), so opening more sockets does not multiply a session's rate. Over a limit the event is dropped and, when it
 * carries an ack, answered `{ ok: false, error: RATE_LIMITED }`; the socket stays connected (a misbehaving tab slows
 * down, it is not punished with a reconnect storm). It runs before the access check, so a flood of events the role may
 * not send is refused here first and never reaches the audit log one by one.
 */
export function socketEventLimit(
  budgets: readonly EventBudget[],
  onRejected?: (scope: EventLimitScope, event: string) => void,
) {
  return (packet: Packet, next: (err?: Error) => void): void => {
    charge(budgets).then(
      (refused) => {
        if (!refused) return next();
        onRejected?.(refused.scope, String(packet[0]).slice(0, 64));
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
