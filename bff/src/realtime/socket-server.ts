import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import type { MarketFeed } from "../upstream/market-feed.ts";
import { attachSocketAuth, socketAccessCheck, socketAuthOf, type SocketAuthOptions } from "./auth.ts";
import type { ConflationCounters, ConflationMeter } from "./conflation.ts";
import { AckError } from "./ack.ts";
import { candleEvents, type CandleHandlerDeps } from "./candle-handlers.ts";
import { marketEvents } from "./handlers.ts";
import { socketEvents, type HandlerTable, type PregaoSocket } from "./socket-events.ts";
import type { SubscriptionOwner } from "./subscription-budget.ts";
import { RealtimeHub } from "./hub.ts";
import type { OpsService } from "../observability/ops-service.ts";
import { opsHandlers, startOpsPush } from "./ops-handlers.ts";
import type { OrderStream } from "../services/order-stream.ts";
import { attachTrading } from "./trading.ts";
import type { TapeSource } from "./tape-handlers.ts";
import type { SocketCaps } from "./socket-caps.ts";
import { buildLimits, eventLimits, type RealtimeLimits } from "./socket-limits.ts";
import { attachEngineHooks, type EngineHookOptions } from "./engine-hooks.ts";
import { sharedJsonParser } from "./shared-json-parser.ts";
import { SocketDrain } from "./drain.ts";
import { leaveOwnRoom } from "./own-room.ts";
import { compactSocketArrays } from "./exact-arrays.ts";
import { fastEventTables } from "./event-tables.ts";
import { sharedAnyListener } from "./shared-any-listeners.ts";
import {
  releaseHandshakeCopies,
  releaseUpgradeErrorListener,
  releaseUpgradeResponse,
} from "./handshake-release.ts";
import { attachClusterAdapter, type ClusterAdapterOptions } from "../cluster/adapter.ts";
import { localBus, socketIoBus, type ClusterBus } from "../cluster/bus.ts";
import type { Redis } from "ioredis";

export interface RealtimeOptions {
  feed: MarketFeed;
  logger: Logger;
  conflationMs: number;
  /** The hub's staggered flush groups (FLUSH_GROUPS; default 1). */
  flushGroups?: number;
  tradeCap: number;
  snapshotWaitMs: number;
  /** Socket caps, subscription budgets and event budgets (realtime/socket-limits.ts); absent = unlimited. */
  limits?: RealtimeLimits;
  /** Handshake authentication, Origin allowlist, per-event permissions, session end → disconnect. */
  auth: SocketAuthOptions;
  /** The order manager's push stream: order/position/kill-switch events fanned out to the owning users. */
  orders?: OrderStream;
  /** Delivery metrics of the conflators (observability/realtime-metrics.ts); none when absent. */
  meter?: ConflationMeter;
  /** Per-client counters at disconnect (distribution metrics). */
  onClientClosed?: (counters: Readonly<ConflationCounters>) => void;
  /** Every message sent to a socket, direct or broadcast, by event name. */
  onSent?: (event: string) => void;
  /** The ops health stream (`ops:*`); `connection:ping` is answered whether or not it is given. */
  ops?: { service: Pick<OpsService, "snapshot" | "samples" | "update">; pushMs: number };
  /** The shared bar store for `candles:*` (bars/bar-store.ts); absent → those events answer UPSTREAM_UNAVAILABLE. */
  bars?: CandleHandlerDeps["bars"];
  /** The tape's shared buffers (tape/tape-buffers.ts); absent → `trades:subscribe` sends live trades only. */
  tape?: TapeSource;
  /** Client address behind trusted proxies and the gateway's stickiness cookie (realtime/engine-hooks.ts). */
  engine?: EngineHookOptions;
  /** Several instances sharing Redis: the socket.io Redis Streams adapter and the cluster bus (cluster/). */
  cluster?: { redis: Redis } & ClusterAdapterOptions;
}

export interface Realtime {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  hub: RealtimeHub;
  /** Open sockets per session/user/IP (undefined when uncapped). */
  caps?: SocketCaps;
  /** Messages to and from the other instances (a no-op bus for a single instance). */
  bus: ClusterBus;
  /** SIGTERM: refuse new sockets, tell connected ones to reconnect elsewhere (realtime/drain.ts). */
  drain: SocketDrain;
  close(): Promise<void>;
}

/** The browser session and user behind a socket (the per-session/per-user subscription budgets). */
const ownerOf = (socket: PregaoSocket): SubscriptionOwner | undefined => {
  const who = socketAuthOf(socket);
  return who ? { session: who.sessionHash, user: who.user.id } : undefined;
};

const candlesUnavailable = (): never => {
  throw new AckError("UPSTREAM_UNAVAILABLE", "bars are not available");
};
/** Without a bar store the candle events answer UPSTREAM_UNAVAILABLE. */
const noCandles: HandlerTable = [
  ["candles:subscribe", candlesUnavailable],
  ["candles:unsubscribe", candlesUnavailable],
];

/** Attaches socket.io (path `/socket.io`) to the BFF's HTTP server and fans market data out to browsers. */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const { feed, logger } = options;
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Compression off on both transports: CPU per client per flush (measured in docs/performance.md).
    perMessageDeflate: false,
    httpCompression: false,
    // Each quote/book view is serialised once per tick for all its subscribers (realtime/shared-json-parser.ts).
    parser: sharedJsonParser(["quotes:updated", "book:updated"]),
  });
  attachEngineHooks(io, options.engine ?? {});
  // The first engine middleware; the handshake's copies are released by the last connection listener, below.
  releaseUpgradeResponse(io);
  const drain = new SocketDrain(io);
  if (options.cluster) attachClusterAdapter(io, options.cluster.redis, options.cluster);
  const bus = options.cluster ? socketIoBus(io) : localBus();
  const built = buildLimits(options.limits);
  const hub = new RealtimeHub(feed, {
    conflationMs: options.conflationMs,
    ...(options.flushGroups ? { flushGroups: options.flushGroups } : {}),
    tradeCap: options.tradeCap,
    ...(options.meter ? { meter: options.meter } : {}),
    ...(options.onClientClosed ? { onClientClosed: options.onClientClosed } : {}),
    ...(built.budget ? { budget: built.budget } : {}),
  });
  const limits = options.limits ?? {};
  // Auth: its middleware and connection listener run before the handlers below.
  const auth = attachSocketAuth(io, {
    ...options.auth,
    bus,
    limits: {
      ...(built.caps ? { caps: built.caps } : {}),
      refusedLimiter: limits.refusedHandshakes ?? null,
      ...(limits.onHandshakeRefused ? { onRefused: limits.onHandshakeRefused } : {}),
    },
  });
  const trading = options.orders ? attachTrading(io, options.orders) : undefined;
  const statusSub = feed.status.onStatus((status) => io.local.emit("feed:status", status));
  const opsService = options.ops?.service;
  const stopOps = options.ops ? startOpsPush(io, options.ops.service, options.ops.pushMs) : () => undefined;
  const noOps = {
    snapshot: () => {
      throw new AckError("UPSTREAM_UNAVAILABLE", "ops stream not configured");
    },
    samples: () => [],
  };

  const market = marketEvents({
    feed,
    hub,
    logger,
    snapshotWaitMs: options.snapshotWaitMs,
    ...(options.tape ? { tape: options.tape } : {}),
    ...(limits.onSubscriptionRefused ? { onSubscriptionRefused: limits.onSubscriptionRefused } : {}),
  });
  const candles = options.bars
    ? candleEvents(
        {
          bars: options.bars,
          catalog: feed.catalog,
          conflationMs: options.conflationMs,
          ...(built.budget ? { budget: built.budget } : {}),
          ...(limits.onSubscriptionRefused ? { onSubscriptionRefused: limits.onSubscriptionRefused } : {}),
        },
        ownerOf,
      )
    : undefined;
  // One middleware per socket: event budgets first, so the access check's audit only ever sees what the budgets let
  // through, then the access check, then the handlers.
  const bindEvents = socketEvents(
    [market.table, candles?.table ?? noCandles, opsHandlers(opsService ?? noOps)],
    logger,
    [eventLimits(limits, options.auth.audit), socketAccessCheck(options.auth.audit)],
  );
  const { onSent } = options;
  const countSent = onSent && sharedAnyListener("_anyOutgoingListeners", (event: string) => onSent(event));
  // Shared by every socket: socket.io calls it with `this` = the socket (socket-events.ts says why).
  const onDisconnect = function (this: PregaoSocket): void {
    candles?.disconnect(this);
    market.disconnect(this);
  };

  io.on("connection", (socket) => {
    market.connect(socket, ownerOf(socket));
    countSent?.(socket);
    bindEvents(socket);
    socket.on("disconnect", onDisconnect);
    socket.emit("feed:status", feed.status.current());
  });
  // The last connection listener (handshake-release.ts says why).
  releaseHandshakeCopies(io);
  releaseUpgradeErrorListener(io);
  leaveOwnRoom(io);
  // After every listener that adds to the socket's arrays (exact-arrays.ts).
  compactSocketArrays(io);
  fastEventTables(io);

  return {
    io,
    hub,
    ...(built.caps ? { caps: built.caps } : {}),
    bus,
    drain,
    close: async () => {
      auth.dispose();
      trading?.dispose();
      statusSub.dispose();
      stopOps();
      hub.dispose();
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
