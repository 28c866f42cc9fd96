import {
  clientEventNames,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@pregao/contracts";
import type { Socket } from "socket.io";
import type { Logger } from "../lib/logger.ts";
import { withSpan } from "../observability/spans.ts";
import { AckError, toAckFailure } from "./ack.ts";

export type PregaoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** One client event's handler: its result (or AckError) becomes the event's ack. */
export type SocketHandler = (payload: unknown, socket: PregaoSocket) => unknown;

/** Handlers by event, built once per server. */
export type HandlerTable = ReadonlyArray<readonly [ClientEventName, SocketHandler]>;

/** Events that cause work (upstream interest, snapshots, ops room): each runs inside a `socket <event>` span. */
const traced = new Set<string>([
  "quotes:subscribe",
  "book:subscribe",
  "trades:subscribe",
  "quotes:unsubscribe",
  "book:unsubscribe",
  "trades:unsubscribe",
  "ops:subscribe",
  "ops:unsubscribe",
  "candles:subscribe",
  "candles:unsubscribe",
]);

const known = new Set<string>(clientEventNames);

/** Runs a handler and acks its result; a missing ack function makes the event a no-op. */
function handle(logger: Logger, ack: unknown, fn: () => unknown): void {
  if (typeof ack !== "function") return;
  const reply = ack as (a: Ack<unknown>) => void;
  Promise.resolve()
    .then(fn)
    .then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => {
        if (!(err instanceof AckError)) logger.error({ err }, "socket handler failed");
        reply(toAckFailure(err));
      },
    );
}

/**
 * The listener of one event, shared by every socket: socket.io calls a listener with `this` = the socket (Node's
 * EventEmitter `emit`, and `onAny`), so nothing is allocated per socket but its `_events` entry. Per-socket closures
 * cost ≈ 100–300 B each on every idle socket (tsx's `keepNames` gives each named one its own property dictionary).
 * The ack is the LAST argument whatever precedes it (`emit(e, ack)`, `emit(e, p, extra, ack)`), so every call that
 * brings an ack gets one; the payload is the first argument unless that is the ack (fuzzing found both).
 */
function listenerOf(event: ClientEventName, fn: SocketHandler, logger: Logger) {
  const span = traced.has(event);
  return function (this: PregaoSocket, ...args: unknown[]): void {
    const payload = typeof args[0] === "function" ? undefined : args[0];
    const run = span
      ? () =>
          withSpan(`socket ${event}`, { "messaging.system": "socket.io", "socket.event": event }, () =>
            fn(payload, this),
          )
      : () => fn(payload, this);
    handle(logger, args.at(-1), run);
  };
}

/**
 * Binds the tables' handlers to a socket, plus an UNKNOWN_EVENT ack for events no contract names. The listeners are
 * made here, once; the returned function only registers them on each new socket.
 */
export function socketEvents(
  tables: readonly HandlerTable[],
  logger: Logger,
): (socket: PregaoSocket) => void {
  const listeners = tables.flat().map(([event, fn]) => [event, listenerOf(event, fn, logger)] as const);
  const unknown = (event: unknown, ...args: unknown[]): void => {
    if (typeof event === "string" && known.has(event)) return;
    handle(logger, args.at(-1), () => {
      throw new AckError("UNKNOWN_EVENT", `unknown event ${String(event).slice(0, 64)}`);
    });
  };
  return (socket) => {
    const on = socket.on as (event: string, listener: (...args: unknown[]) => void) => unknown;
    for (const [event, listener] of listeners) on.call(socket, event, listener);
    socket.onAny(unknown);
  };
}
