import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import {
  feedStatusSchema,
  sessionEndReasonSchema,
  type ClientToServerEvents,
  type Quote,
  type ServerToClientEvents,
} from "@pregao/contracts";
import { isSessionErrorCode, useSessionEndStore, type SessionEndCause } from "../lib/session-end-store.ts";
import { useConnectionStore, type SocketError } from "./connection-store.ts";
import { useFeedStatusStore } from "./feed-status-store.ts";
import { useQuotesStore } from "./quotes-store.ts";
import { attachOpsStream } from "./ops-stream.ts";
import { attachPing } from "./ping.ts";
import { createRafBatcher } from "./raf-batcher.ts";
import { QuoteSubscriptions, type SubscriptionTransport } from "./quote-subscriptions.ts";
import { attachTradingStream } from "./trading-stream.ts";
import { attachCandleStream } from "./candle-stream.ts";
import { attachDrainHandling } from "./drain.ts";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 5000;
/**
 * A handshake refused for a cap (too many sockets for this session, user or address) or for the refused-handshake
 * rate limit is not retried by socket.io (it only retries transport failures). A slot frees when another tab closes,
 * so try again after this long plus up to as much again of jitter (no herd of tabs retrying together).
 */
const CAPPED_RETRY_MS = 15_000;
const CAPPED_CODES: ReadonlySet<string> = new Set(["TOO_MANY_SOCKETS", "RATE_LIMITED"]);
/**
 * A server-side disconnect is not retried by socket.io either. A draining instance closes its stragglers all at once,
 * so reconnect after a random moment within this window rather than together.
 */
const SERVER_CLOSE_RETRY_MS = 2000;

/** The capped refusal as a code the connection panel words (with the server's retry seconds when it sent them). */
function cappedError(err: unknown, code: string): SocketError {
  if (code === "TOO_MANY_SOCKETS") return { reason: "tooManySockets" };
  const details = (err as { data?: { details?: { retryAfter?: unknown } } } | null)?.data?.details;
  const retryAfter = typeof details?.retryAfter === "number" ? details.retryAfter : undefined;
  return { reason: "rateLimited", retryAfter };
}

/** `quotes:updated` goes through this buffer: at most one store update per animation frame. */
const quoteBatcher = createRafBatcher<string, Quote>((batch) =>
  useQuotesStore.getState().apply(batch.values()),
);

/** The page's single subscription book; hooks retain through it whether or not the socket is up. */
export const quoteSubscriptions = new QuoteSubscriptions({
  onSnapshot: (quotes) => {
    for (const q of quotes) quoteBatcher.push(q.asset, q);
  },
  onError: (asset, error) => useQuotesStore.getState().setError(asset, error),
  onReleased: (assets) => useQuotesStore.getState().remove(assets),
});

/** Whether any quote is subscribed (then silence means trouble). */
export const hasQuoteSubscriptions = (): boolean => quoteSubscriptions.assets.length > 0;

let current: AppSocket | null = null;

function transportFor(socket: AppSocket): SubscriptionTransport {
  return {
    subscribe: (assets) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("quotes:subscribe", { assets }),
    unsubscribe: (assets) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("quotes:unsubscribe", { assets }),
  };
}

/**
 * Close the open socket's transport as a network drop (or a draining server's notice) does: socket.io reconnects by
 * itself. For the e2e hooks (lib/test-hooks.ts); nothing else calls it.
 */
export function dropTransport(): void {
  current?.io.engine?.close();
}

/** The error code a server middleware attached to a refused handshake (`err.data.code`), if any. */
export function handshakeErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" ? data.code : undefined;
}

/**
 * WebSocket first; long-polling when the WebSocket cannot open (a corporate proxy that blocks it): `tryAllTransports`
 * moves on to the next transport instead of failing the attempt. Polling is same-origin, so the session cookie and the
 * gateway's stickiness cookie (`pregao_node`, docs/deployment.md "Transport") go with every request.
 *
 * Backoff: the first retry after 500 ms (a blip, or an instance death the gateway routes around, is bridged in well
 * under a second), doubling up to 5 s (once a BFF is reachable nobody waits longer than that), each delay spread ±50 %
 * (the sockets a dying instance drops together come back spread out, not as one herd on the survivors).
 */
export const SOCKET_OPTIONS: Readonly<Partial<ManagerOptions & SocketOptions>> = {
  path: "/socket.io",
  transports: ["websocket", "polling"],
  tryAllTransports: true,
  // The connect timeout (socket.io's default is 20 s): also how long a black-holed upgrade holds the first connect.
  timeout: 10_000,
  reconnectionDelay: 500,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
  autoConnect: false,
  withCredentials: true,
};

/**
 * A proxy that black-holes the WebSocket upgrade (neither refuses nor answers it) gives `tryAllTransports` no error to
 * move on from: the attempt ends in the Manager's connect timeout, and every retry would try the WebSocket again. After
 * such a timeout the next attempts start on long-polling and upgrade to the WebSocket in the background (socket.io's
 * classic order): a black-holed upgrade probe then costs nothing, and a working one still ends on the WebSocket.
 */
function pollFirstAfterTimeout(socket: AppSocket): void {
  const opts = socket.io.opts;
  if (opts.transports?.[0] === "websocket") opts.transports = ["polling", "websocket"];
}

export interface StreamOptions {
  /**
   * After a reconnect the server could not recover (`socket.recovered` false), events sent while away are gone:
   * re-fetch what REST seeded and the socket keeps current (orders, positions). A recovered reconnect replays them.
   */
  onMissedEvents?: () => void;
}

/**
 * Open the one socket to the BFF (same origin, authenticated by the session cookie) and feed the stores. Returns a
 * stop function. socket.io reconnects by itself (with connection state recovery when the server has it); every
 * `connect` (first or re-, recovered or not) re-subscribes whatever the UI holds, as market data is per socket and
 * never replayed. A refused handshake for want of a session, or a `session:ended`, stops the socket for good (no
 * reconnect loop) and ends the session app-wide.
 */
export function startStream(opts: StreamOptions = {}): () => void {
  current?.disconnect();
  const socket: AppSocket = io({ ...SOCKET_OPTIONS }); // a copy: the Manager writes into its options
  current = socket;
  const conn = useConnectionStore.getState();
  const feed = useFeedStatusStore.getState();
  conn.connecting();
  let ended = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const retryIn = (ms: number) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket.connect(), ms);
  };
  const endSession = (cause: SessionEndCause) => {
    ended = true;
    clearTimeout(retryTimer);
    socket.disconnect();
    quoteSubscriptions.detach();
    conn.disconnected({ reason: cause === "LOGGED_OUT" ? "loggedOut" : "sessionEnded" });
    useSessionEndStore.getState().end(cause);
  };

  socket.on("connect", () => {
    const reconnect = useConnectionStore.getState().droppedAt !== null;
    conn.connected({ recovered: socket.recovered });
    quoteSubscriptions.attach(transportFor(socket));
    if (reconnect && !socket.recovered) opts.onMissedEvents?.();
  });
  socket.on("disconnect", (reason) => {
    if (ended) conn.disconnected({ reason: "sessionEnded" });
    else conn.lost(reason);
    quoteSubscriptions.detach();
    // The server closed us on purpose (e.g. the end of a drain); socket.io does not retry that by itself.
    if (reason === "io server disconnect" && !ended) retryIn(SERVER_CLOSE_RETRY_MS * Math.random());
  });
  socket.on("connect_error", (err) => {
    if (err.message === "timeout") pollFirstAfterTimeout(socket);
    const code = handshakeErrorCode(err);
    if (isSessionErrorCode(code)) return endSession(code);
    if (code === "ORIGIN_REJECTED") {
      // Misconfiguration, not a transient fault: retrying cannot help.
      socket.disconnect();
      return conn.disconnected({ reason: "originRejected" });
    }
    if (code !== undefined && CAPPED_CODES.has(code)) {
      conn.disconnected(cappedError(err, code));
      return retryIn(CAPPED_RETRY_MS * (1 + Math.random()));
    }
    conn.disconnected(err.message);
  });
  socket.io.on("reconnect_attempt", (attempt) => conn.reconnecting(attempt));

  socket.on("session:ended", (raw) => {
    const parsed = sessionEndReasonSchema.safeParse(raw?.reason);
    endSession(parsed.success ? parsed.data : "SESSION_EXPIRED");
  });
  socket.on("feed:status", (raw) => {
    const parsed = feedStatusSchema.safeParse(raw);
    if (parsed.success) feed.setStatus(parsed.data);
    else console.warn("feed:status failed validation", parsed.error);
  });
  // Quotes are trusted as sent (same deploy, 20/s/asset): validating each would cost more than it catches.
  socket.on("quotes:updated", (quotes) => {
    if (ended) return;
    feed.touch();
    for (const q of quotes) quoteBatcher.push(q.asset, q);
  });

  const stopTrading = attachTradingStream(socket);
  const stopCandles = attachCandleStream(socket);
  const stopOps = attachOpsStream(socket);
  const stopPing = attachPing(socket);
  const stopDrain = attachDrainHandling(socket);
  socket.connect();
  return () => {
    clearTimeout(retryTimer);
    stopDrain();
    stopTrading();
    stopCandles();
    stopOps();
    stopPing();
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
    quoteSubscriptions.detach();
    quoteBatcher.dispose();
    if (current === socket) current = null;
  };
}
