import { io, type Socket } from "socket.io-client";
import {
  feedStatusSchema,
  type ClientToServerEvents,
  type Quote,
  type ServerToClientEvents,
} from "@pregao/contracts";
import { useConnectionStore } from "./connection-store.ts";
import { useFeedStatusStore } from "./feed-status-store.ts";
import { useQuotesStore } from "./quotes-store.ts";
import { createRafBatcher } from "./raf-batcher.ts";
import { QuoteSubscriptions, type SubscriptionTransport } from "./quote-subscriptions.ts";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 5000;

/** `quotes:updated` goes through this buffer: at most one store update per animation frame. */
const quoteBatcher = createRafBatcher<string, Quote>((batch) =>
  useQuotesStore.getState().apply(batch.values()),
);

/** The page's single subscription book; hooks retain through it whether or not the socket is up. */
export const quoteSubscriptions = new QuoteSubscriptions({
  onSnapshot: (quotes) => {
    for (const q of quotes) quoteBatcher.push(q.asset, q);
  },
  onError: (asset, message) => useQuotesStore.getState().setError(asset, message),
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
 * Open the one socket to the BFF (same origin, websocket only) and feed the stores. Returns a stop function.
 * socket.io reconnects by itself; every `connect` (first or re-) re-subscribes whatever the UI holds.
 */
export function startStream(): () => void {
  current?.disconnect();
  const socket: AppSocket = io({
    path: "/socket.io",
    transports: ["websocket"],
    autoConnect: false,
    reconnectionDelayMax: 5000,
  });
  current = socket;
  const conn = useConnectionStore.getState();
  const feed = useFeedStatusStore.getState();
  conn.connecting();

  socket.on("connect", () => {
    conn.connected();
    quoteSubscriptions.attach(transportFor(socket));
  });
  socket.on("disconnect", (reason) => {
    conn.disconnected(reason);
    quoteSubscriptions.detach();
    // The server closed us on purpose (e.g. deploy); socket.io does not retry that by itself.
    if (reason === "io server disconnect") socket.connect();
  });
  socket.on("connect_error", (err) => conn.disconnected(err.message));
  socket.io.on("reconnect_attempt", (attempt) => conn.reconnecting(attempt));

  socket.on("feed:status", (raw) => {
    const parsed = feedStatusSchema.safeParse(raw);
    if (parsed.success) feed.setStatus(parsed.data);
    else console.warn("feed:status failed validation", parsed.error);
  });
  // Quotes are trusted as sent (same deploy, 20/s/asset): validating each would cost more than it catches.
  socket.on("quotes:updated", (quotes) => {
    feed.touch();
    for (const q of quotes) quoteBatcher.push(q.asset, q);
  });

  socket.connect();
  return () => {
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
    quoteSubscriptions.detach();
    quoteBatcher.dispose();
    if (current === socket) current = null;
  };
}
