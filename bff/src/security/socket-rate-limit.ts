import type { Ack } from "@pregao/contracts";
import { take, type Limiter } from "./rate-limit.ts";

type Packet = unknown[];

/**
 * socket.io per-socket middleware (`socket.use`): each incoming event costs one point of `limiter` under `key`.
 * Over the limit the event is dropped and, when it carries an ack, answered `{ ok: false, error: RATE_LIMITED }`;
 * the socket stays connected (a misbehaving tab slows down, it is not punished with a reconnect storm).
 */
export function socketEventLimit(limiter: Limiter, key: string, onRejected?: () => void) {
  return (packet: Packet, next: (err?: Error) => void): void => {
    take(limiter, key).then(
      (i) => {
        if (!i.limited) return next();
        onRejected?.();
        const ack = packet.at(-1);
        if (typeof ack !== "function") return;
        const body: Ack<never> = {
          ok: false,
          error: {
            code: "RATE_LIMITED",
            message: `too many events; retry in ${i.resetSec} s`,
            details: { retryAfter: i.resetSec },
          },
        };
        (ack as (a: Ack<never>) => void)(body);
      },
      () => next(), // the limiter itself failed (never for memory): let the event through rather than hang it
    );
  };
}
