import {
  MAX_SUBSCRIPTIONS_PER_SOCKET,
  assetsPayloadSchema,
  clientEventNames,
  type Ack,
  type ClientEventName,
  type BookView,
  type ClientToServerEvents,
  type Quote,
  type ServerToClientEvents,
} from "@pregao/contracts";
import type { Socket } from "socket.io";
import type { Logger } from "../lib/logger.ts";
import type { MarketFeed } from "../upstream/market-feed.ts";
import { withSpan } from "../observability/spans.ts";
import { AckError, toAckFailure, validationError } from "./ack.ts";
import { registerCandleHandlers, type CandleHandlerDeps } from "./candle-handlers.ts";
import type { Channel, RealtimeHub, Subscriber } from "./hub.ts";
import { tapeFollower, type TapeSource } from "./tape-handlers.ts";

export type PregaoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface HandlerDeps {
  feed: MarketFeed;
  hub: RealtimeHub;
  snapshotWaitMs: number;
  logger: Logger;
  /** A subscribe refused by a cap: the socket's own, or the budget of its session or user (metrics). */
  onSubscriptionRefused?: (scope: "socket" | "session" | "user") => void;
  /** The chart's forming bars (`candles:*`, candle-handlers.ts); absent → those events answer UPSTREAM_UNAVAILABLE. */
  candles?: CandleHandlerDeps;
  /** The tape's shared buffers (`trades:snapshot` after `trades:subscribe`); absent → live trades only. */
  tape?: TapeSource;
}

const known = new Set<string>(clientEventNames);

/**
 * Validates an assets payload, checks the catalog and the per-socket cap; returns the unique assets. A ticker the
 * catalog lacks waits briefly for a catalog refresh (the upstream's list may have been partial) before UNKNOWN_ASSET.
 */
async function checkSubscribe(
  deps: HandlerDeps,
  subscriber: Subscriber,
  channel: Channel,
  payload: unknown,
): Promise<string[]> {
  const parsed = assetsPayloadSchema.safeParse(payload);
  if (!parsed.success) throw validationError(parsed.error);
  const assets = [...new Set(parsed.data.assets)];
  const { catalog } = deps.feed;
  if (!catalog.known) throw new AckError("UPSTREAM_UNAVAILABLE", "instrument list not available yet");
  for (const [i, asset] of parsed.data.assets.entries()) {
    if (catalog.has(asset) || (await deps.feed.resolve(asset))) continue;
    throw new AckError("UNKNOWN_ASSET", `unknown asset ${asset}`, `assets.${i}`, { asset });
  }
  const total = new Set([...deps.hub.held(subscriber, channel), ...assets]).size;
  if (total > MAX_SUBSCRIPTIONS_PER_SOCKET) {
    deps.onSubscriptionRefused?.("socket");
    throw new AckError(
      "TOO_MANY_SUBSCRIPTIONS",
      `at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} ${channel} subscriptions per connection`,
      "assets",
    );
  }
  return assets;
}

/** Adds the assets to the hub within the session's and the user's budgets (summed over all their sockets). */
function subscribeWithin(
  deps: HandlerDeps,
  subscriber: Subscriber,
  channel: Channel,
  assets: string[],
): void {
  const refused = deps.hub.subscribe(subscriber, channel, assets);
  if (!refused) return;
  deps.onSubscriptionRefused?.(refused.scope);
  throw new AckError(
    "TOO_MANY_SUBSCRIPTIONS",
    `at most ${refused.limit} ${channel} subscriptions per ${refused.scope}, over all its connections`,
    "assets",
    { scope: refused.scope, limit: refused.limit },
  );
}

function checkUnsubscribe(payload: unknown): string[] {
  const parsed = assetsPayloadSchema.safeParse(payload);
  if (!parsed.success) throw validationError(parsed.error);
  return [...new Set(parsed.data.assets)];
}

/** Runs a handler and acks its result; a missing ack function makes the event a no-op. */
function handle<T>(logger: Logger, ack: unknown, fn: () => Promise<T> | T): void {
  if (typeof ack !== "function") return;
  const reply = ack as (a: Ack<T>) => void;
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

/** A typed `socket.on` whose handler's result (or AckError) becomes the event's ack. */
export type EventBinder = <T>(event: ClientEventName, fn: (payload: unknown) => Promise<T> | T) => void;

/**
 * Binds handlers for one socket. The ack is the LAST argument whatever precedes it (`emit(e, ack)`,
 * `emit(e, p, extra, ack)`), so every call that brings an ack gets one; the payload is the first argument unless that
 * is the ack (fuzzing found both).
 */
export function eventBinder(socket: PregaoSocket, logger: Logger): EventBinder {
  return (event, fn) =>
    void (socket.on as (e: string, l: (...args: unknown[]) => void) => unknown)(event, (...args) => {
      const payload = typeof args[0] === "function" ? undefined : args[0];
      const run = traced.has(event)
        ? () =>
            withSpan(`socket ${event}`, { "messaging.system": "socket.io", "socket.event": event }, () =>
              fn(payload),
            )
        : () => fn(payload);
      handle(logger, args.at(-1), run);
    });
}

/** Wires every market-data event (and unknown ones) for one socket. */
export function registerHandlers(socket: PregaoSocket, subscriber: Subscriber, deps: HandlerDeps): void {
  const { hub, feed, logger } = deps;
  const wait = (assets: string[]) => feed.market.waitReady(assets, deps.snapshotWaitMs);
  const on = eventBinder(socket, logger);
  const tape = deps.tape && tapeFollower(deps.tape, (snap) => socket.emit("trades:snapshot", snap));
  if (tape) socket.on("disconnect", () => tape.dispose());

  on("quotes:subscribe", async (payload) => {
    const assets = await checkSubscribe(deps, subscriber, "quotes", payload);
    subscribeWithin(deps, subscriber, "quotes", assets);
    await wait(assets);
    return { quotes: assets.map((a) => feed.quote(a)).filter((q): q is Quote => q !== null) };
  });
  on("book:subscribe", async (payload) => {
    const assets = await checkSubscribe(deps, subscriber, "book", payload);
    subscribeWithin(deps, subscriber, "book", assets);
    await wait(assets);
    return { books: assets.map((a) => feed.market.bookView(a)).filter((b): b is BookView => b !== null) };
  });
  on("trades:subscribe", async (payload) => {
    const assets = await checkSubscribe(deps, subscriber, "trades", payload);
    subscribeWithin(deps, subscriber, "trades", assets);
    tape?.follow(assets);
    return { assets };
  });
  for (const channel of ["quotes", "trades", "book"] as const) {
    on(`${channel}:unsubscribe`, (payload) => {
      const assets = checkUnsubscribe(payload);
      hub.unsubscribe(subscriber, channel, assets);
      if (channel === "trades") tape?.unfollow(assets);
      return { assets };
    });
  }
  if (deps.candles) registerCandleHandlers(on, socket, deps.candles);
  else
    for (const event of ["candles:subscribe", "candles:unsubscribe"] as const)
      on(event, () => {
        throw new AckError("UPSTREAM_UNAVAILABLE", "bars are not available");
      });
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === "string" && known.has(event)) return;
    const ack = args.at(-1);
    handle(logger, ack, () => {
      throw new AckError("UNKNOWN_EVENT", `unknown event ${String(event).slice(0, 64)}`);
    });
  });
}
