import { io, type Socket } from "socket.io-client";
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

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 5000;
/**
 * A handshake refused for a cap (too many sockets for this session, user or address) or for the refused-handshake
 * rate limit is not retried by socket.io (it only retries transport failures). A slot frees when another tab closes,
 * so try again after this long plus up to as much again of jitter (no herd of tabs retrying together).
 */
const CAPPED_RETRY_MS = 15_000;
const CAPPED_CODES: ReadonlySet<string> = new Set(["TOO_MANY_SOCKETS", "RATE_LIMITED"]);

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

/** The error code a server middleware attached to a refused handshake (`err.data.code`), if any. */
export function handshakeErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" ? data.code : undefined;
}

/**
 * Open the one socket to the BFF (same origin, websocket only, authenticated by the session cookie) and feed the
 * stores. Returns a stop function. socket.io reconnects by itself; every `connect` (first or re-) re-subscribes
 * whatever the UI holds. A refused handshake for want of a session, or a `session:ended`, stops the socket for good
 * (no reconnect loop) and ends the session app-wide.
 */
export function startStream(): () => void {
  current?.disconnect();
  const socket: AppSocket = io({
    path: "/socket.io",
    transports: ["websocket"],
    autoConnect: false,
    reconnectionDelayMax: 5000,
    withCredentials: true,
  });
  current = socket;
  const conn = useConnectionStore.getState();
  const feed = useFeedStatusStore.getState();
  conn.connecting();
  let ended = false;
  let cappedRetry: ReturnType<typeof setTimeout> | undefined;
  const endSession = (cause: SessionEndCause) => {
    ended = true;
    socket.disconnect();
    quoteSubscriptions.detach();
    conn.disconnected({ reason: cause === "LOGGED_OUT" ? "loggedOut" : "sessionEnded" });
    useSessionEndStore.getState().end(cause);
  };

  socket.on("connect", () => {
    conn.connected();
    quoteSubscriptions.attach(transportFor(socket));
  });
  socket.on("disconnect", (reason) => {
    conn.disconnected(ended ? { reason: "sessionEnded" } : reason);
    quoteSubscriptions.detach();
    // The server closed us on purpose (e.g. deploy); socket.io does not retry that by itself.
    if (reason === "io server disconnect" && !ended) socket.connect();
  });
  socket.on("connect_error", (err) => {
    const code = handshakeErrorCode(err);
    if (isSessionErrorCode(code)) return endSession(code);
    if (code === "ORIGIN_REJECTED") {
      // Misconfiguration, not a transient fault: retrying cannot help.
      socket.disconnect();
      return conn.disconnected({ reason: "originRejected" });
    }
    if (code !== undefined && CAPPED_CODES.has(code)) {
      conn.disconnected(cappedError(err, code));
      clearTimeout(cappedRetry);
      cappedRetry = setTimeout(() => socket.connect(), CAPPED_RETRY_MS * (1 + Math.random()));
      return;
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
  socket.connect();
  return () => {
    clearTimeout(cappedRetry);
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
