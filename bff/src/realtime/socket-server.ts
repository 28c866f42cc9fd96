import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import type { MarketFeed } from "../upstream/market-feed.ts";
import { attachSocketAuth, type SocketAuthOptions } from "./auth.ts";
import type { Limiter } from "../security/rate-limit.ts";
import { socketEventLimit } from "../security/socket-rate-limit.ts";
import type { ConflationCounters, ConflationMeter } from "./conflation.ts";
import { AckError } from "./ack.ts";
import { eventBinder, registerHandlers } from "./handlers.ts";
import { RealtimeHub } from "./hub.ts";
import type { OpsService } from "../observability/ops-service.ts";
import { registerOpsHandlers, startOpsPush } from "./ops-handlers.ts";
import type { OrderStream } from "../services/order-stream.ts";
import { attachTrading } from "./trading.ts";

export interface RealtimeOptions {
  feed: MarketFeed;
  logger: Logger;
  conflationMs: number;
  tradeCap: number;
  snapshotWaitMs: number;
  /** Per-socket event rate limit (security/); null or absent = unlimited. */
  eventLimiter?: Limiter | null;
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
  /** A socket event refused by the event rate limit. */
  onEventLimited?: () => void;
  /** The ops health stream (`ops:*`); `connection:ping` is answered whether or not it is given. */
  ops?: { service: Pick<OpsService, "snapshot" | "samples" | "update">; pushMs: number };
}

export interface Realtime {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  hub: RealtimeHub;
  close(): Promise<void>;
}

interface EngineConn {
  transport: { writable: boolean };
  writeBuffer?: unknown[];
}

/** Attaches socket.io (path `/socket.io`) to the BFF's HTTP server and fans market data out to browsers. */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const { feed, logger } = options;
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    perMessageDeflate: false,
  });
  const hub = new RealtimeHub(feed, {
    conflationMs: options.conflationMs,
    tradeCap: options.tradeCap,
    ...(options.meter ? { meter: options.meter } : {}),
    ...(options.onClientClosed ? { onClientClosed: options.onClientClosed } : {}),
  });
  // Auth first: its middleware and connection listener run before the handlers below.
  const auth = attachSocketAuth(io, options.auth);
  const trading = options.orders ? attachTrading(io, options.orders) : undefined;
  const statusSub = feed.status.onStatus((status) => io.emit("feed:status", status));
  const opsService = options.ops?.service;
  const stopOps = options.ops ? startOpsPush(io, options.ops.service, options.ops.pushMs) : () => undefined;
  const noOps = {
    snapshot: () => {
      throw new AckError("UPSTREAM_UNAVAILABLE", "ops stream not configured");
    },
    samples: () => [],
  };

  io.on("connection", (socket) => {
    const conn = socket.conn as unknown as EngineConn;
    const session = hub.add(socket.id, {
      emit: (event, ...args) => socket.emit(event, ...args),
      drained: () => conn.transport.writable && (conn.writeBuffer?.length ?? 0) === 0,
    });
    if (options.eventLimiter)
      socket.use(socketEventLimit(options.eventLimiter, socket.id, options.onEventLimited)); // perimeter
    const { onSent } = options;
    if (onSent) socket.onAnyOutgoing((event: string) => onSent(event));
    registerHandlers(socket, session, { feed, hub, logger, snapshotWaitMs: options.snapshotWaitMs });
    registerOpsHandlers(eventBinder(socket, logger), socket, opsService ?? noOps);
    socket.on("disconnect", () => hub.remove(socket.id));
    socket.emit("feed:status", feed.status.current());
  });

  return {
    io,
    hub,
    close: async () => {
      auth.dispose();
      trading?.dispose();
      statusSub.dispose();
      stopOps();
      hub.dispose();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
