import {
  MAX_SUBSCRIPTIONS_PER_SOCKET,
  assetsPayloadSchema,
  type BookView,
  type Quote,
} from "@pregao/contracts";
import type { MarketFeed } from "../upstream/market-feed.ts";
import type { Logger } from "../lib/logger.ts";
import { AckError, validationError } from "./ack.ts";
import type { Channel, RealtimeHub, Subscriber } from "./hub.ts";
import type { HandlerTable, PregaoSocket, SocketHandler } from "./socket-events.ts";
import { SocketTransport } from "./socket-transport.ts";
import { channels } from "./subscription-record.ts";
import type { SubscriptionOwner } from "./subscription-budget.ts";
import { tapeFollower, type TapeFollower, type TapeSource } from "./tape-handlers.ts";

export type { PregaoSocket } from "./socket-events.ts";

export interface HandlerDeps {
  feed: MarketFeed;
  hub: RealtimeHub;
  snapshotWaitMs: number;
  logger: Logger;
  /** A subscribe refused by a cap: the socket's own, or the budget of its session or user (metrics). */
  onSubscriptionRefused?: (scope: "socket" | "session" | "user") => void;
  /** The tape's shared buffers (`trades:snapshot` after `trades:subscribe`); absent → live trades only. */
  tape?: TapeSource;
}

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

/** One socket's market-data state: its hub subscriber, and its tape follower from its first `trades:subscribe` on. */
interface MarketClient {
  readonly subscriber: Subscriber;
  tape?: TapeFollower;
}

export interface MarketEvents {
  /** `quotes|book|trades:subscribe|unsubscribe`, shared by every socket (socket-events.ts). */
  table: HandlerTable;
  /** A new socket: its outbox in the hub. */
  connect(socket: PregaoSocket, owner?: SubscriptionOwner): void;
  /** The socket left: its tape buffers and its hub subscriptions are released. */
  disconnect(socket: PregaoSocket): void;
}

/** The market-data events, built once per server; per socket there is only a MarketClient. */
export function marketEvents(deps: HandlerDeps): MarketEvents {
  const { hub, feed } = deps;
  // Kept after disconnect (it goes with the socket): a subscribe still in flight then behaves as it always did.
  const clients = new WeakMap<PregaoSocket, MarketClient>();
  const clientOf = (socket: PregaoSocket): MarketClient => {
    const client = clients.get(socket);
    if (!client) throw new Error(`socket ${socket.id} has no market client`);
    return client;
  };
  const wait = (assets: string[]) => feed.market.waitReady(assets, deps.snapshotWaitMs);
  const subscribe = async (socket: PregaoSocket, channel: Channel, payload: unknown) => {
    const { subscriber } = clientOf(socket);
    const assets = await checkSubscribe(deps, subscriber, channel, payload);
    // The socket may have left while an unknown ticker waited for the catalog: its subscriber is gone from the hub,
    // and nothing (interest, budget, a tape follower) may be taken for it any more.
    if (!hub.has(subscriber)) throw new AckError("CONFLICT", "the connection closed during the subscribe");
    subscribeWithin(deps, subscriber, channel, assets);
    return assets;
  };
  const unsubscribe = (channel: Channel): SocketHandler => {
    return (payload, socket) => {
      const assets = checkUnsubscribe(payload);
      const client = clientOf(socket);
      hub.unsubscribe(client.subscriber, channel, assets);
      if (channel === "trades") client.tape?.unfollow(assets);
      return { assets };
    };
  };
  const table: HandlerTable = [
    [
      "quotes:subscribe",
      async (payload, socket) => {
        const assets = await subscribe(socket, "quotes", payload);
        await wait(assets);
        return { quotes: assets.map((a) => feed.quote(a)).filter((q): q is Quote => q !== null) };
      },
    ],
    [
      "book:subscribe",
      async (payload, socket) => {
        const assets = await subscribe(socket, "book", payload);
        await wait(assets);
        return {
          books: assets.map((a) => feed.market.bookView(a)).filter((b): b is BookView => b !== null),
        };
      },
    ],
    [
      "trades:subscribe",
      async (payload, socket) => {
        const assets = await subscribe(socket, "trades", payload);
        const { tape } = deps;
        if (tape) {
          const client = clientOf(socket);
          client.tape ??= tapeFollower(tape, (snap) => socket.emit("trades:snapshot", snap));
          client.tape.follow(assets);
        }
        return { assets };
      },
    ],
    ...channels.map((channel) => [`${channel}:unsubscribe`, unsubscribe(channel)] as const),
  ];
  return {
    table,
    connect(socket, owner) {
      clients.set(socket, { subscriber: hub.add(socket.id, new SocketTransport(socket), owner) });
    },
    disconnect(socket) {
      clients.get(socket)?.tape?.dispose();
      hub.remove(socket.id);
    },
  };
}
