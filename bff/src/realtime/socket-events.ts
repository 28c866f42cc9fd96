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
import { sharedAnyListener } from "./shared-any-listeners.ts";

export type PregaoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** One client event's handler: its result (or AckError) becomes the event's ack. */
export type SocketHandler = (payload: unknown, socket: PregaoSocket) => unknown;

/**
 * A step of a socket's middleware (socket.io's `socket.use`), built once per server and given the socket: `next()`
 * lets the event on, `next(err)` stops it with socket.io's `error`, not calling `next` drops it.
 */
export type SocketMiddleware = (socket: PregaoSocket, packet: unknown[], next: (err?: Error) => void) => void;

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
 * Runs one event's handler and acks its result. The ack is the LAST argument whatever precedes it (`emit(e, ack)`,
 * `emit(e, p, extra, ack)`), so every call that brings an ack gets one; the payload is the first argument unless that
 * is the ack (fuzzing found both).
 */
function runHandler(
  event: string,
  fn: SocketHandler,
  args: unknown[],
  socket: PregaoSocket,
  logger: Logger,
): void {
  const payload = typeof args[0] === "function" ? undefined : args[0];
  const run = traced.has(event)
    ? () =>
        withSpan(`socket ${event}`, { "messaging.system": "socket.io", "socket.event": event }, () =>
          fn(payload, socket),
        )
    : () => fn(payload, socket);
  handle(logger, args.at(-1), run);
}

/** `steps` run in order as socket.io runs a socket's middlewares: each one's `next()` calls the following one. */
function chain([first, ...rest]: readonly SocketMiddleware[]): SocketMiddleware {
  if (!first) return (_socket, _packet, next) => next();
  if (rest.length === 0) return first;
  const after = chain(rest);
  return (socket, packet, next) =>
    first(socket, packet, (err) => (err ? next(err) : after(socket, packet, next)));
}

/**
 * Hands each socket's events to the tables' handlers, plus an UNKNOWN_EVENT ack for events no contract names. `before`
 * (the event budgets, then the access check) runs first, so a handler only sees what every step let through. Built
 * once per server; per socket it adds one middleware closure and the shared `onAny` list, not a listener per event or
 * a closure per step: each entry in a socket's `_events` dictionary costs ≈ 60 B, and closures made per socket more
 * (tsx's `keepNames` gives each named one its own property dictionary), ≈ 7 KB per idle socket in all before this.
 */
export function socketEvents(
  tables: readonly HandlerTable[],
  logger: Logger,
  before: ReadonlyArray<SocketMiddleware | undefined> = [],
): (socket: PregaoSocket) => void {
  const handlers = new Map<string, SocketHandler>(tables.flat());
  // `onAny` runs before the middleware (socket.io's `onevent`), as the catch-all listener always did.
  const unknown = (event: unknown, ...args: unknown[]): void => {
    if (typeof event === "string" && known.has(event)) return;
    handle(logger, args.at(-1), () => {
      throw new AckError("UNKNOWN_EVENT", `unknown event ${String(event).slice(0, 64)}`);
    });
  };
  const answerUnknown = sharedAnyListener("_anyListeners", unknown);
  // The socket's last middleware: what socket.io does once the chain lets an event through (the next tick, and only
  // while still connected, then the listeners), with the handler in place of a listener. Events without a handler go
  // on to socket.io, as before.
  const dispatch: SocketMiddleware = (socket, packet, next) => {
    const event = packet[0];
    const fn = typeof event === "string" ? handlers.get(event) : undefined;
    if (fn === undefined) return next();
    process.nextTick(() => {
      if (socket.connected) runHandler(event as string, fn, packet.slice(1), socket, logger);
    });
  };
  const middleware = chain([...before.filter((m) => m !== undefined), dispatch]);
  return (socket) => {
    socket.use((packet, next) => middleware(socket, packet, next));
    answerUnknown(socket);
  };
}
